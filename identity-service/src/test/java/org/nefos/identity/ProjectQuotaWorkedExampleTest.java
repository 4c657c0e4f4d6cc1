package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nefos.identity.ProjectTestSupport.activeProject;
import static org.nefos.identity.ProjectTestSupport.capacity;
import static org.nefos.identity.ProjectTestSupport.enroll;
import static org.nefos.identity.ProjectTestSupport.spec;
import static org.nefos.identity.ProjectTestSupport.uniqueName;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.nefos.identity.CommissionResourceTest.Numbers;
import org.nefos.identity.IdentityTestSupport.TestUser;
import org.nefos.testing.KafkaResource;
import org.nefos.testing.PostgresResource;

/**
 * Two users in two projects, quota numbers worked out by hand from identity-api.md 9.4-9.6.
 *
 * <pre>
 * P1: cyclades.vm project_capacity 5, member_capacity 3; members U1, U2
 * P2: cyclades.vm project_capacity 2, member_capacity 2; member U1
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class ProjectQuotaWorkedExampleTest {

    static final String VM = "cyclades.vm";

    @Test
    void memberAndProjectLimitsBothBind() {
        TestUser owner = IdentityTestSupport.newUser();
        String p1 = activeProject(owner, spec(uniqueName(), "resources", Map.of(VM, capacity(5, 3))));
        String p2 = activeProject(owner, spec(uniqueName(), "resources", Map.of(VM, capacity(2, 2))));
        TestUser u1 = IdentityTestSupport.newUser();
        TestUser u2 = IdentityTestSupport.newUser();
        enroll(owner, p1, u1.email()).then().statusCode(200);
        enroll(owner, p1, u2.email()).then().statusCode(200);
        enroll(owner, p2, u1.email()).then().statusCode(200);
        assertEquals(Set.of(u1.uuid(), p1, p2), Set.copyOf(ProjectTestSupport.quotaProjects(u1)));
        assertEquals(Set.of(u2.uuid(), p1), Set.copyOf(ProjectTestSupport.quotaProjects(u2)));

        // U1 charges 2 in P1, pending: usage_max 2, usage_min 0 on both holdings
        long s1 = serial(issue(u1, p1, 2));
        assertEquals(new Numbers(3, 2, 2, 5, 2, 2), quota(u1, p1));
        assertEquals(new Numbers(3, 0, 0, 5, 2, 2), quota(u2, p1), "U2 sees the project's pending charge");
        accept(s1);
        assertEquals(new Numbers(3, 2, 0, 5, 2, 0), quota(u1, p1));

        // U2 takes the remaining 3 of P1 (member limit 3, project 2 + 3 = 5)
        accept(serial(issue(u2, p1, 3)));
        assertEquals(new Numbers(3, 3, 0, 5, 5, 0), quota(u2, p1));

        // U1 is below its member limit (2 < 3) but the project is full: effective limit
        // min(3, 5 - (5 - 2)) = 2, available 0 -> 413 on the project holding
        JsonPath over = issue(u1, p1, 1).then().statusCode(413).extract().jsonPath();
        assertEquals("NoCapacityError", over.getString("overLimit.data.name"));
        assertEquals("project:" + p1, over.getString("overLimit.data.provision.holder"));
        assertEquals(5, over.getLong("overLimit.data.limit"));
        assertEquals(5, over.getLong("overLimit.data.usage"));
        assertEquals(new Numbers(3, 2, 0, 5, 5, 0), quota(u1, p1), "a refused commission changes nothing");

        // P2 is a separate pool: U1 can still use it, and it does not move P1's numbers
        accept(serial(issue(u1, p2, 2)));
        assertEquals(new Numbers(2, 2, 0, 2, 2, 0), quota(u1, p2));
        assertEquals(new Numbers(3, 2, 0, 5, 5, 0), quota(u1, p1));
        issue(u1, p2, 1).then().statusCode(413);

        // U2 releases 1 in P1; while pending usage stays 3 (pessimistic), then drops on accept
        long release = serial(issue(u2, p1, -1));
        assertEquals(new Numbers(3, 3, 1, 5, 5, 1), quota(u2, p1));
        accept(release);
        assertEquals(new Numbers(3, 2, 0, 5, 4, 0), quota(u2, p1));
        assertEquals(new Numbers(3, 2, 0, 5, 4, 0), quota(u1, p1));

        // now U1's charge of 1 fits: member 2 + 1 <= 3, project 4 + 1 <= 5
        accept(serial(issue(u1, p1, 1)));
        assertEquals(new Numbers(3, 3, 0, 5, 5, 0), quota(u1, p1));

        // the service view agrees
        JsonPath service = given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).queryParam("user", u1.uuid())
                .queryParam("project", p1 + "," + p2).get("/account/v1.0/service_quotas").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(3, service.getLong("'" + u1.uuid() + "'.'" + p1 + "'.'" + VM + "'.usage"));
        assertEquals(5, service.getLong("'" + u1.uuid() + "'.'" + p1 + "'.'" + VM + "'.project_usage"));
        assertEquals(2, service.getLong("'" + u1.uuid() + "'.'" + p2 + "'.'" + VM + "'.usage"));
        JsonPath projects = given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).queryParam("project", p1)
                .get("/account/v1.0/service_project_quotas").then().statusCode(200).extract().jsonPath();
        assertEquals(5, projects.getLong("'" + p1 + "'.'" + VM + "'.project_usage"));
    }

    private static Numbers quota(TestUser user, String project) {
        return CommissionResourceTest.quota(user, project, VM);
    }

    private static Response issue(TestUser user, String project, long quantity) {
        Map<String, Object> projectProvision = new HashMap<>();
        projectProvision.put("holder", "project:" + project);
        projectProvision.put("source", null);
        projectProvision.put("resource", VM);
        projectProvision.put("quantity", quantity);
        return given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON)
                .body(Map.of("name", "worked example", "provisions", List.of(Map.of("holder", "user:" + user.uuid(),
                        "source", "project:" + project, "resource", VM, "quantity", quantity), projectProvision)))
                .post("/account/v1.0/commissions");
    }

    private static long serial(Response r) {
        return r.then().statusCode(201).extract().jsonPath().getLong("serial");
    }

    private static void accept(long serial) {
        CommissionResourceTest.action(serial, "accept").then().statusCode(200);
    }
}
