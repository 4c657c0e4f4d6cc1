package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.identity.ProjectTestSupport.action;
import static org.nefos.identity.ProjectTestSupport.activeProject;
import static org.nefos.identity.ProjectTestSupport.capacity;
import static org.nefos.identity.ProjectTestSupport.enroll;
import static org.nefos.identity.ProjectTestSupport.join;
import static org.nefos.identity.ProjectTestSupport.membership;
import static org.nefos.identity.ProjectTestSupport.membershipAction;
import static org.nefos.identity.ProjectTestSupport.projectAdmin;
import static org.nefos.identity.ProjectTestSupport.quotaProjects;
import static org.nefos.identity.ProjectTestSupport.spec;
import static org.nefos.identity.ProjectTestSupport.uniqueName;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.identity.IdentityTestSupport.TestUser;
import org.nefos.testing.KafkaResource;
import org.nefos.testing.PostgresResource;

/** Memberships: the state machine of identity-api.md 7.6, permissions, limits and quota effects. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class MembershipTest {

    static final Map<String, Object> VM = Map.of("cyclades.vm", capacity(10, 2));

    @Test
    void moderatedJoinWaitsForTheOwner() {
        TestUser owner = IdentityTestSupport.newUser();
        String project = activeProject(owner, spec(uniqueName(), "resources", VM));
        TestUser member = IdentityTestSupport.newUser();
        long id = join(member, project).then().statusCode(200).extract().jsonPath().getLong("id");
        JsonPath m = membership(member, id);
        assertEquals("requested", m.getString("state"));
        assertEquals(member.uuid(), m.getString("user"));
        assertEquals(project, m.getString("project"));
        assertTrue(m.getMap("").containsKey("requested"));
        assertFalse(m.getMap("").containsKey("accepted"));
        assertEquals(List.of("cancel"), m.getList("allowed_actions"));
        assertEquals(Set.of("accept", "reject"), Set.copyOf(membership(owner, id).getList("allowed_actions")));
        assertFalse(quotaProjects(member).contains(project), "no quota before acceptance");
        join(member, project).then().statusCode(409);
        membershipAction(member, id, "accept").then().statusCode(403);
        membershipAction(owner, id, "accept").then().statusCode(200).body(equalTo(""));
        JsonPath accepted = membership(member, id);
        assertEquals("accepted", accepted.getString("state"));
        assertTrue(accepted.getMap("").containsKey("accepted"));
        assertEquals(List.of("leave"), accepted.getList("allowed_actions"));
        assertTrue(quotaProjects(member).contains(project));
        assertEquals(2, CommissionResourceTest.quota(member, project, "cyclades.vm").limit());
        membershipAction(owner, id, "accept").then().statusCode(409);
        // the project is now in the member's token
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", member.token()))))
                .post("/identity/v2.0/tokens").then().statusCode(200).body("access.user.projects", hasItem(project));
    }

    @Test
    void autoJoinAcceptsAtOnceUntilTheProjectIsFull() {
        TestUser owner = IdentityTestSupport.newUser();
        String project = activeProject(owner, spec(uniqueName(), "join_policy", "auto", "max_members", 1, "resources", VM));
        TestUser first = IdentityTestSupport.newUser();
        long id = join(first, project).then().statusCode(200).extract().jsonPath().getLong("id");
        assertEquals("accepted", membership(first, id).getString("state"));
        TestUser second = IdentityTestSupport.newUser();
        long waiting = join(second, project).then().statusCode(200).extract().jsonPath().getLong("id");
        assertEquals("requested", membership(second, waiting).getString("state"), "full: stays requested");
        membershipAction(owner, waiting, "accept").then().statusCode(409);
        enroll(owner, project, IdentityTestSupport.newUser().email()).then().statusCode(409);
    }

    @Test
    void closedAndSystemProjectsCannotBeJoined() {
        TestUser owner = IdentityTestSupport.newUser();
        String closed = activeProject(owner, spec(uniqueName(), "join_policy", "closed"));
        TestUser user = IdentityTestSupport.newUser();
        join(user, closed).then().statusCode(409);
        join(user, owner.uuid()).then().statusCode(409);
        join(user, UUID.randomUUID().toString()).then().statusCode(404);
        String uninitialized = ProjectTestSupport.apply(owner, spec(uniqueName())).then().statusCode(201)
                .extract().jsonPath().getString("id");
        join(user, uninitialized).then().statusCode(409);
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("join", Map.of("project", List.of()))).post("/account/v1.0/projects/memberships")
                .then().statusCode(400);
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("join", Map.of("project", closed), "enroll", Map.of())).post("/account/v1.0/projects/memberships")
                .then().statusCode(400);
    }

    @Test
    void enrollIsForOwnersAndAdmins() {
        TestUser owner = IdentityTestSupport.newUser();
        String project = activeProject(owner, spec(uniqueName(), "resources", VM));
        TestUser member = IdentityTestSupport.newUser();
        TestUser stranger = IdentityTestSupport.newUser();
        enroll(stranger, project, member.email()).then().statusCode(403);
        enroll(owner, UUID.randomUUID().toString(), member.email()).then().statusCode(409);
        enroll(owner, project, "nobody-" + UUID.randomUUID() + "@example.org").then().statusCode(409);
        long id = enroll(owner, project, member.email().toUpperCase()).then().statusCode(200).extract().jsonPath().getLong("id");
        assertEquals("accepted", membership(member, id).getString("state"));
        enroll(owner, project, member.email()).then().statusCode(409);
        TestUser viaAdmin = IdentityTestSupport.newUser();
        enroll(projectAdmin(), project, viaAdmin.email()).then().statusCode(200);
        given().header("X-Auth-Token", stranger.token()).get("/account/v1.0/projects/memberships/" + id).then().statusCode(403);
        given().header("X-Auth-Token", owner.token()).queryParam("project", project).get("/account/v1.0/projects/memberships")
                .then().statusCode(200).body("id", hasItem((int) id));
        given().header("X-Auth-Token", stranger.token()).get("/account/v1.0/projects/memberships/99999999")
                .then().statusCode(404);
        given().header("X-Auth-Token", stranger.token()).get("/account/v1.0/projects/memberships?project=" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void rejectCancelAndTheirPermissions() {
        TestUser owner = IdentityTestSupport.newUser();
        String project = activeProject(owner, spec(uniqueName()));
        TestUser a = IdentityTestSupport.newUser();
        long ma = join(a, project).then().statusCode(200).extract().jsonPath().getLong("id");
        membershipAction(a, ma, "reject").then().statusCode(403);
        membershipAction(owner, ma, "reject").then().statusCode(200);
        assertEquals("rejected", membership(a, ma).getString("state"));
        membershipAction(owner, ma, "reject").then().statusCode(409);
        // a rejected membership is re-used by a new join
        long again = join(a, project).then().statusCode(200).extract().jsonPath().getLong("id");
        assertEquals(ma, again);
        membershipAction(owner, ma, "cancel").then().statusCode(403);
        membershipAction(a, ma, "cancel").then().statusCode(200);
        JsonPath cancelled = membership(a, ma);
        assertEquals("cancelled", cancelled.getString("state"));
        assertTrue(cancelled.getMap("").keySet().containsAll(Set.of("requested", "rejected", "cancelled")));
        given().header("X-Auth-Token", a.token()).contentType(ContentType.JSON).body(Map.of("explode", ""))
                .post("/account/v1.0/projects/memberships/" + ma + "/action").then().statusCode(400);
        membershipAction(a, 99999999L, "leave").then().statusCode(404);
    }

    @Test
    void leaveFollowsTheLeavePolicyAndRemovalResetsTheDefaultProject() {
        TestUser owner = IdentityTestSupport.newUser();
        String auto = activeProject(owner, spec(uniqueName(), "resources", VM));
        String moderated = activeProject(owner, spec(uniqueName(), "leave_policy", "moderated", "resources", VM));
        String closed = activeProject(owner, spec(uniqueName(), "leave_policy", "closed"));
        TestUser member = IdentityTestSupport.newUser();
        long inAuto = enroll(owner, auto, member.email()).then().statusCode(200).extract().jsonPath().getLong("id");
        long inModerated = enroll(owner, moderated, member.email()).then().statusCode(200).extract().jsonPath().getLong("id");
        long inClosed = enroll(owner, closed, member.email()).then().statusCode(200).extract().jsonPath().getLong("id");

        setDefault(member, auto);
        membershipAction(member, inAuto, "leave").then().statusCode(200);
        assertEquals("removed", membership(member, inAuto).getString("state"));
        assertEquals(member.uuid(), tenant(member), "default project reset when removed");
        assertEquals(0, CommissionResourceTest.quota(member, member.uuid(), "cyclades.vm").usage());
        assertFalse(quotaProjects(member).contains(auto));

        membershipAction(member, inModerated, "leave").then().statusCode(200);
        assertEquals("leave_requested", membership(member, inModerated).getString("state"));
        assertTrue(quotaProjects(member).contains(moderated), "still holds quota while leave is requested");
        membershipAction(member, inModerated, "remove").then().statusCode(403);
        membershipAction(owner, inModerated, "remove").then().statusCode(200);
        assertEquals("removed", membership(member, inModerated).getString("state"));

        membershipAction(member, inClosed, "leave").then().statusCode(409);
        membershipAction(owner, inClosed, "remove").then().statusCode(409);
    }

    @Test
    void suspendingAProjectZeroesLimitsAndTerminationResetsDefaults() {
        TestUser owner = IdentityTestSupport.newUser();
        String project = activeProject(owner, spec(uniqueName(), "resources", VM));
        TestUser member = IdentityTestSupport.newUser();
        enroll(owner, project, member.email()).then().statusCode(200);
        setDefault(member, project);
        assertEquals(project, tenant(member));
        action(projectAdmin(), project, "suspend", null).then().statusCode(200);
        CommissionResourceTest.Numbers suspended = CommissionResourceTest.quota(member, project, "cyclades.vm");
        assertEquals(0, suspended.limit());
        assertEquals(0, suspended.projectLimit());
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", member.token()))))
                .post("/identity/v2.0/tokens").then().statusCode(200)
                .body("access.user.projects", equalTo(List.of(member.uuid())));
        action(projectAdmin(), project, "unsuspend", null).then().statusCode(200);
        assertEquals(2, CommissionResourceTest.quota(member, project, "cyclades.vm").limit());
        action(projectAdmin(), project, "terminate", null).then().statusCode(200);
        assertEquals(member.uuid(), tenant(member));
        assertEquals(0, CommissionResourceTest.quota(member, project, "cyclades.vm").limit(), "terminated projects keep zero limits");
    }

    private static void setDefault(TestUser user, String project) {
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body(Map.of("project_id", project))
                .post("/account/v1.0/myaccount/default_project").then().statusCode(200);
    }

    private static String tenant(TestUser user) {
        return given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", user.token()))))
                .post("/identity/v2.0/tokens").then().statusCode(200).extract().jsonPath().getString("access.token.tenant.id");
    }
}
