package org.nefos.network;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.network.NetworkTestSupport.API;
import static org.nefos.network.NetworkTestSupport.as;
import static org.nefos.network.NetworkTestSupport.createNetwork;
import static org.nefos.network.NetworkTestSupport.newUser;
import static org.nefos.network.NetworkTestSupport.post;
import static org.nefos.network.NetworkTestSupport.publicPool;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Reassign of networks and floating IPs (N6, N22; cyclades-api.md 4.2, 4.5, 7): quota moves between projects. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class NetworkReassignTest {

    /** A project owned by {@code user} with room for networks and floating IPs, the user enrolled. */
    private static String projectOf(TestUser user) {
        String identity = ServiceStackResource.identity().url();
        Map<String, Object> room = Map.of("project_capacity", 5, "member_capacity", 5);
        Map<String, Object> project = Map.of("name", "net" + UUID.randomUUID().toString().substring(0, 8)
                + ".example.org", "owner", user.uuid(), "end_date", OffsetDateTime.now().plusDays(30).toString(),
                "resources", Map.of("cyclades.network.private", room, "cyclades.floating_ip", room));
        String id = given().baseUri(identity).header("X-Auth-Token", IdentityServer.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("project", project)).post("/identity/v2.0/projects")
                .then().statusCode(201).extract().jsonPath().getString("id");
        given().baseUri(identity).header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("enroll", Map.of("project", id, "user", user.email())))
                .post("/account/v1.0/projects/memberships").then().statusCode(200);
        return id;
    }

    private static long usage(TestUser user, String project, String resource) {
        JsonPath q = given().baseUri(ServiceStackResource.identity().url()).header("X-Auth-Token", user.token())
                .get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath();
        return q.getLong("'" + project + "'.'" + resource + "'.usage");
    }

    @Test
    void networkReassignMovesItsQuotaAtOnceAndOnlyTheOwnerMay() {
        TestUser user = newUser();
        String project = projectOf(user);
        String system = user.uuid();
        String network = createNetwork(user);
        assertEquals(1, usage(user, system, "cyclades.network.private"));

        post(user, "/networks/" + network + "/action", Map.of("reassign", Map.of("project", project)))
                .then().statusCode(200);
        as(user).get(API + "/networks/" + network).then().statusCode(200).body("network.tenant_id", equalTo(project))
                .body("network.shared_to_project", equalTo(false));
        assertEquals(0, usage(user, system, "cyclades.network.private"));
        assertEquals(1, usage(user, project, "cyclades.network.private"));

        // same project again: nothing moves; sharing to the project is disabled in this deployment (403)
        post(user, "/networks/" + network + "/action", Map.of("reassign", Map.of("project", project)))
                .then().statusCode(200);
        assertEquals(1, usage(user, project, "cyclades.network.private"));
        post(user, "/networks/" + network + "/action", Map.of("reassign", Map.of("project", project,
                "shared_to_project", true))).then().statusCode(403).body("forbidden.code", equalTo(403));
        as(user).get(API + "/networks/" + network).then().body("network.shared_to_project", equalTo(false));

        // faults: no project, someone else's network, the public network
        post(user, "/networks/" + network + "/action", Map.of("reassign", Map.of())).then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        TestUser other = newUser();
        int status = post(other, "/networks/" + network + "/action", Map.of("reassign", Map.of("project",
                other.uuid()))).then().extract().statusCode();
        assertTrue(status == 403 || status == 404, "another user may not reassign: " + status);
        post(user, "/networks/" + publicPool(user) + "/action", Map.of("reassign", Map.of("project", project)))
                .then().statusCode(403);

        // back to the system project, then the delete gives back there
        post(user, "/networks/" + network + "/action", Map.of("reassign", Map.of("project", system)))
                .then().statusCode(200);
        assertEquals(1, usage(user, system, "cyclades.network.private"));
        assertEquals(0, usage(user, project, "cyclades.network.private"));
        as(user).delete(API + "/networks/" + network).then().statusCode(204);
        NetworkTestSupport.await(() -> usage(user, system, "cyclades.network.private"), u -> u == 0,
                "the network's quota released");
    }

    @Test
    void floatingIpReassignMovesItsQuotaAndTheDeleteReleasesItInTheNewProject() {
        TestUser user = newUser();
        String project = projectOf(user);
        String system = user.uuid();
        String ip = post(user, "/floatingips", Map.of("floatingip", Map.of())).then().statusCode(200).extract()
                .jsonPath().getString("floatingip.id");
        assertEquals(1, usage(user, system, "cyclades.floating_ip"));
        post(user, "/floatingips/" + ip + "/action", Map.of("reassign", Map.of("project", project)))
                .then().statusCode(200);
        as(user).get(API + "/floatingips/" + ip).then().statusCode(200).body("floatingip.tenant_id", equalTo(project));
        assertEquals(0, usage(user, system, "cyclades.floating_ip"));
        assertEquals(1, usage(user, project, "cyclades.floating_ip"));

        TestUser other = newUser();
        int status = post(other, "/floatingips/" + ip + "/action", Map.of("reassign", Map.of("project",
                other.uuid()))).then().extract().statusCode();
        assertTrue(status == 403 || status == 404, "another user may not reassign: " + status);
        post(user, "/floatingips/" + ip + "/action", Map.of("reassign", Map.of())).then().statusCode(400);

        as(user).delete(API + "/floatingips/" + ip).then().statusCode(204);
        assertEquals(0, usage(user, project, "cyclades.floating_ip"));
        assertEquals(0, usage(user, system, "cyclades.floating_ip"));
    }
}
