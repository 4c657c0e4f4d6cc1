package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.identity.ProjectTestSupport.action;
import static org.nefos.identity.ProjectTestSupport.activeProject;
import static org.nefos.identity.ProjectTestSupport.apply;
import static org.nefos.identity.ProjectTestSupport.capacity;
import static org.nefos.identity.ProjectTestSupport.modify;
import static org.nefos.identity.ProjectTestSupport.project;
import static org.nefos.identity.ProjectTestSupport.projectAdmin;
import static org.nefos.identity.ProjectTestSupport.spec;
import static org.nefos.identity.ProjectTestSupport.uniqueName;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
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

/** Projects and applications: every transition of identity-api.md 6.8, legal and illegal. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class ProjectLifecycleTest {

    @Test
    void applyCreatesAnUninitializedProjectSeenByItsOwner() {
        TestUser owner = IdentityTestSupport.newUser();
        String name = uniqueName();
        JsonPath applied = apply(owner, spec(name, "resources", Map.of("cyclades.vm", capacity(10, 2)),
                "description", "a test", "max_members", "inf")).then().statusCode(201).extract().jsonPath();
        String id = applied.getString("id");
        long app = applied.getLong("application");
        JsonPath p = project(owner, id);
        assertEquals("uninitialized", p.getString("state"));
        assertEquals(name, p.getString("name"));
        assertEquals(owner.uuid(), p.getString("owner"));
        assertEquals("moderated", p.getString("join_policy"));
        assertEquals("auto", p.getString("leave_policy"));
        assertEquals(Long.MAX_VALUE, p.getLong("max_members"));
        assertEquals(false, p.getBoolean("system_project"));
        assertEquals(app, p.getLong("last_application.id"));
        assertEquals("pending", p.getString("last_application.state"));
        assertEquals(owner.uuid(), p.getString("last_application.applicant"));
        assertEquals(10, p.getInt("resources.'cyclades.vm'.project_capacity"));
        assertTrue(p.getString("creation_date").endsWith("+00:00"));
        given().header("X-Auth-Token", owner.token()).get("/account/v1.0/projects")
                .then().statusCode(200).body("id", hasItem(id)).body("id", hasItem(owner.uuid()));
        TestUser stranger = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", stranger.token()).get("/account/v1.0/projects/" + id).then().statusCode(403);
    }

    @Test
    void approvalActivatesAndFillsDefaultsAndOnlyAdminsApprove() {
        TestUser owner = IdentityTestSupport.newUser();
        JsonPath applied = apply(owner, spec(uniqueName(), "resources", Map.of("cyclades.vm", capacity(6, 3))))
                .then().statusCode(201).extract().jsonPath();
        String id = applied.getString("id");
        long app = applied.getLong("application");
        action(owner, id, "approve", app).then().statusCode(403).body("forbidden.code", equalTo(403));
        action(projectAdmin(), id, "approve", null).then().statusCode(400);
        action(projectAdmin(), id, "approve", 987654321L).then().statusCode(404);
        action(projectAdmin(), id, "approve", app).then().statusCode(200).body(equalTo(""));
        JsonPath p = project(owner, id);
        assertEquals("active", p.getString("state"));
        assertEquals("approved", p.getString("last_application.state"));
        assertEquals(3, p.getInt("resources.'cyclades.vm'.member_capacity"));
        assertEquals(0, p.getInt("resources.'cyclades.cpu'.project_capacity"), "filled from the project default");
        action(projectAdmin(), id, "approve", app).then().statusCode(409);
        // active and public: anyone may read it, but only admin/owner see the application
        TestUser stranger = IdentityTestSupport.newUser();
        JsonPath seen = project(stranger, id);
        assertFalse(seen.getMap("").containsKey("last_application"));
    }

    @Test
    void denyThenDismissDeletesAndCancelDeletesToo() {
        TestUser owner = IdentityTestSupport.newUser();
        JsonPath a = apply(owner, spec(uniqueName())).then().statusCode(201).extract().jsonPath();
        action(owner, a.getString("id"), "dismiss", a.getLong("application")).then().statusCode(409);
        action(projectAdmin(), a.getString("id"), "deny", a.getLong("application")).then().statusCode(200);
        assertEquals("uninitialized", project(owner, a.getString("id")).getString("state"));
        assertEquals("denied", project(owner, a.getString("id")).getString("last_application.state"));
        TestUser stranger = IdentityTestSupport.newUser();
        action(stranger, a.getString("id"), "dismiss", a.getLong("application")).then().statusCode(403);
        action(owner, a.getString("id"), "dismiss", a.getLong("application")).then().statusCode(200);
        assertEquals("deleted", project(owner, a.getString("id")).getString("state"));

        JsonPath b = apply(owner, spec(uniqueName())).then().statusCode(201).extract().jsonPath();
        action(owner, b.getString("id"), "cancel", b.getLong("application")).then().statusCode(200);
        assertEquals("deleted", project(owner, b.getString("id")).getString("state"));
        assertEquals("cancelled", project(owner, b.getString("id")).getString("last_application.state"));
        action(owner, b.getString("id"), "cancel", b.getLong("application")).then().statusCode(409);
    }

    @Test
    void suspendUnsuspendTerminateReinstate() {
        TestUser owner = IdentityTestSupport.newUser();
        String name = uniqueName();
        String id = activeProject(owner, spec(name));
        TestUser admin = projectAdmin();
        action(owner, id, "suspend", null).then().statusCode(403);
        action(admin, id, "unsuspend", null).then().statusCode(409);
        action(admin, id, "reinstate", null).then().statusCode(409);
        action(admin, id, "suspend", null).then().statusCode(200);
        assertEquals("suspended", project(owner, id).getString("state"));
        assertTrue(project(owner, id).getMap("").containsKey("deactivation_date"));
        action(admin, id, "suspend", null).then().statusCode(409);
        action(admin, id, "unsuspend", null).then().statusCode(200);
        action(admin, id, "terminate", null).then().statusCode(200);
        assertEquals("terminated", project(owner, id).getString("state"));
        action(admin, id, "terminate", null).then().statusCode(409);
        // the name is free again; while another project holds it, reinstate is refused
        String other = activeProject(IdentityTestSupport.newUser(), spec(name));
        action(admin, id, "reinstate", null).then().statusCode(409);
        action(admin, other, "terminate", null).then().statusCode(200);
        action(admin, id, "reinstate", null).then().statusCode(200);
        assertEquals("active", project(owner, id).getString("state"));
    }

    @Test
    void systemProjectsCannotBeTerminatedNorRenamed() {
        TestUser user = IdentityTestSupport.newUser();
        action(projectAdmin(), user.uuid(), "terminate", null).then().statusCode(409);
        // a system project has no owner: only project admins may apply for changes, and never for its name
        modify(user, user.uuid(), Map.of("description", "mine")).then().statusCode(403);
        modify(projectAdmin(), user.uuid(), Map.of("name", "renamed.example.org")).then().statusCode(409);
        JsonPath system = project(user, user.uuid());
        assertEquals("system:" + user.uuid(), system.getString("name"));
        assertEquals(true, system.getBoolean("system_project"));
        assertEquals("closed", system.getString("join_policy"));
        assertEquals(1, system.getInt("max_members"));
        assertNull(system.get("owner"));
        // limits of a system project may change through a modification
        JsonPath m = modify(projectAdmin(), user.uuid(), Map.of("resources", Map.of("cyclades.vm", capacity(7, 7))))
                .then().statusCode(201).extract().jsonPath();
        action(projectAdmin(), user.uuid(), "approve", m.getLong("application")).then().statusCode(200);
        assertEquals(7, CommissionResourceTest.quota(user, "cyclades.vm").limit());
    }

    @Test
    void modificationsApplyOnApprovalAndReplaceOlderOnes() {
        TestUser owner = IdentityTestSupport.newUser();
        String id = activeProject(owner, spec(uniqueName(), "resources", Map.of("cyclades.vm", capacity(4, 1))));
        TestUser stranger = IdentityTestSupport.newUser();
        modify(stranger, id, Map.of("description", "mine now")).then().statusCode(403);
        long first = modify(owner, id, Map.of("description", "first")).then().statusCode(201).extract().jsonPath()
                .getLong("application");
        JsonPath second = modify(owner, id, Map.of("description", "second", "resources",
                Map.of("cyclades.vm", capacity(8, 2)))).then().statusCode(201).extract().jsonPath();
        assertEquals(id, second.getString("id"));
        action(projectAdmin(), id, "approve", first).then().statusCode(409);
        JsonPath before = project(owner, id);
        assertEquals("", before.getString("description"), "nothing changes before approval");
        assertNull(before.get("last_application.name"), "unchanged fields of a modification are null");
        action(projectAdmin(), id, "approve", second.getLong("application")).then().statusCode(200);
        JsonPath after = project(owner, id);
        assertEquals("second", after.getString("description"));
        assertEquals(8, after.getInt("resources.'cyclades.vm'.project_capacity"));
        assertEquals(2, after.getInt("resources.'cyclades.vm'.member_capacity"));
        // uninitialized projects cannot be modified
        String pending = apply(owner, spec(uniqueName())).then().statusCode(201).extract().jsonPath().getString("id");
        modify(owner, pending, Map.of("description", "x")).then().statusCode(409);
    }

    @Test
    void pendingApplicationsAreLimited() {
        TestUser user = IdentityTestSupport.newUser();
        apply(user, spec(uniqueName())).then().statusCode(201);
        JsonPath second = apply(user, spec(uniqueName())).then().statusCode(201).extract().jsonPath();
        apply(user, spec(uniqueName())).then().statusCode(409).body("conflict.code", equalTo(409));
        action(user, second.getString("id"), "cancel", second.getLong("application")).then().statusCode(200);
        apply(user, spec(uniqueName())).then().statusCode(201);
        // project admins are never refused
        TestUser admin = projectAdmin();
        for (int i = 0; i < 3; i++) {
            apply(admin, spec(uniqueName())).then().statusCode(201);
        }
    }

    @Test
    void invalidSpecificationsAre400() {
        TestUser user = IdentityTestSupport.newUser();
        apply(user, Map.of("end_date", OffsetDateTime.now().plusDays(3).toString())).then().statusCode(400);
        apply(user, spec("not a domain")).then().statusCode(400).body("badRequest.message", startsWith("Invalid project"));
        apply(user, spec("x".repeat(78) + ".org")).then().statusCode(400);
        apply(user, Map.of("name", uniqueName())).then().statusCode(400);
        apply(user, Map.of("name", uniqueName(), "end_date", LocalDateTime.now().plusDays(3).toString())).then().statusCode(400);
        apply(user, Map.of("name", uniqueName(), "end_date", OffsetDateTime.now().minusDays(1).toString())).then().statusCode(400);
        apply(user, spec(uniqueName(), "join_policy", "sometimes")).then().statusCode(400);
        apply(user, spec(uniqueName(), "private", "yes")).then().statusCode(400);
        apply(user, spec(uniqueName(), "max_members", -1)).then().statusCode(400);
        apply(user, spec(uniqueName(), "homepage", 5)).then().statusCode(400);
        apply(user, spec(uniqueName(), "owner", UUID.randomUUID().toString())).then().statusCode(400);
        apply(user, spec(uniqueName(), "resources", Map.of("no.such", capacity(1, 1)))).then().statusCode(400);
        apply(user, spec(uniqueName(), "resources", Map.of("cyclades.total_cpu", capacity(1, 1)))).then().statusCode(400);
        apply(user, spec(uniqueName(), "resources", Map.of("cyclades.vm", capacity(1, 2)))).then().statusCode(400);
        apply(user, spec(uniqueName(), "resources", Map.of("cyclades.vm", Map.of("project_capacity", -1,
                "member_capacity", 0)))).then().statusCode(400);
        apply(user, spec(uniqueName(), "resources", List.of())).then().statusCode(400);
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body("{\"name\": ")
                .post("/account/v1.0/projects").then().statusCode(400);
        assertEquals(Set.of(user.uuid()), Set.copyOf(ProjectTestSupport.quotaProjects(user)), "nothing was created");
    }

    @Test
    void unknownProjectsAndActions() {
        TestUser user = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/projects/" + UUID.randomUUID())
                .then().statusCode(404).body("itemNotFound.code", equalTo(404));
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/projects/4536563342366646756")
                .then().statusCode(404);
        action(projectAdmin(), UUID.randomUUID().toString(), "suspend", null).then().statusCode(404);
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body(Map.of("explode", Map.of()))
                .post("/account/v1.0/projects/" + user.uuid() + "/action").then().statusCode(400)
                .body("badRequest.message", equalTo("No recognized action"));
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("suspend", Map.of(), "terminate", Map.of()))
                .post("/account/v1.0/projects/" + user.uuid() + "/action").then().statusCode(400);
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body(Map.of("suspend", "now"))
                .post("/account/v1.0/projects/" + user.uuid() + "/action").then().statusCode(400);
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/projects?mode=everything").then().statusCode(400);
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/projects?state=sleeping").then().statusCode(400);
        given().get("/account/v1.0/projects").then().statusCode(401);
    }

    @Test
    void theMisspelledReasonsKeyIsTolerated() {
        TestUser owner = IdentityTestSupport.newUser();
        JsonPath a = apply(owner, spec(uniqueName())).then().statusCode(201).extract().jsonPath();
        given().header("X-Auth-Token", projectAdmin().token()).contentType(ContentType.JSON)
                .body(Map.of("approve", Map.of("reasons", "fine", "app_id", Long.toString(a.getLong("application")))))
                .post("/account/v1.0/projects/" + a.getString("id") + "/action").then().statusCode(200);
    }

    @Test
    void listModesAndFilters() {
        TestUser owner = IdentityTestSupport.newUser();
        String name = uniqueName();
        String id = activeProject(owner, spec(name));
        TestUser other = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", other.token()).get("/account/v1.0/projects")
                .then().statusCode(200).body("id", not(hasItem(id)));
        given().header("X-Auth-Token", other.token()).queryParam("mode", "active").get("/account/v1.0/projects")
                .then().statusCode(200).body("id", hasItem(id));
        given().header("X-Auth-Token", owner.token()).queryParam("name", name).get("/account/v1.0/projects")
                .then().statusCode(200).body("id", equalTo(List.of(id)));
        given().header("X-Auth-Token", owner.token()).queryParam("mode", "member").get("/account/v1.0/projects")
                .then().statusCode(200).body("id", equalTo(List.of(owner.uuid())));
        given().header("X-Auth-Token", owner.token()).queryParam("state", "active").queryParam("owner", owner.uuid())
                .get("/account/v1.0/projects").then().statusCode(200).body("id", equalTo(List.of(id)));
        given().header("X-Auth-Token", projectAdmin().token()).queryParam("name", name).get("/account/v1.0/projects")
                .then().statusCode(200).body("id", equalTo(List.of(id)));
    }

    @Test
    void adminApiCreatesActiveProjectsDirectly() {
        TestUser owner = IdentityTestSupport.newUser();
        Map<String, Object> spec = new java.util.HashMap<>(spec(uniqueName(), "owner", owner.uuid(),
                "join_policy", "auto", "resources", Map.of("cyclades.vm", capacity(5, 2))));
        JsonPath created = given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("project", spec)).post("/identity/v2.0/projects").then().statusCode(201).extract().jsonPath();
        JsonPath p = project(owner, created.getString("id"));
        assertEquals("active", p.getString("state"));
        assertEquals("auto", p.getString("join_policy"));
        given().header("X-Auth-Token", owner.token()).contentType(ContentType.JSON).body(Map.of("project", spec))
                .post("/identity/v2.0/projects").then().statusCode(403);
    }
}
