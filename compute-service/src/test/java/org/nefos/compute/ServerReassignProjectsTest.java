package org.nefos.compute;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nefos.compute.ComputeTestSupport.action;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.awaitStatus;
import static org.nefos.compute.ComputeTestSupport.post;

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

/**
 * burnin's Quotas suite (cyclades-api.md 7.3, 9): a server created in, or reassigned to, another project of the
 * user is charged there, and the quota moves the moment {@code reassign} answers 200.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class ServerReassignProjectsTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    @Test
    void reassignMovesTheServerAndItsQuotaBetweenProjectsAtOnce() {
        TestUser user = ComputeTestSupport.newUser();
        // the project exists and the user is a member before compute sees (and caches) the user's token
        String project = projectOwnedBy(user);
        String system = user.uuid();

        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        assertEquals(1, usage(user, system, "cyclades.vm"));
        action(user, id, Map.of("reassign", Map.of("project", project)), 200);
        // synchronous: no waiting before these checks, as burnin does
        assertEquals(project, ComputeTestSupport.server(user, id).getString("server.tenant_id"));
        assertEquals(0, usage(user, system, "cyclades.vm"));
        assertEquals(0, usage(user, system, "cyclades.cpu"));
        assertEquals(0, usage(user, system, "cyclades.disk"));
        assertEquals(1, usage(user, project, "cyclades.vm"));
        assertEquals(1, usage(user, project, "cyclades.cpu"));
        assertEquals(1024 * MIB, usage(user, project, "cyclades.ram"));
        assertEquals(10 * GIB, usage(user, project, "cyclades.disk"));

        // created straight into the project
        long other = post(user, "/compute/v2.0/servers", Map.of("server", Map.of("name", "snf-test-" + UUID.randomUUID(),
                "imageRef", ComputeTestSupport.debian(), "flavorRef", 1, "project", project))).then().statusCode(202)
                .extract().jsonPath().getLong("server.id");
        assertEquals(project, ComputeTestSupport.server(user, other).getString("server.tenant_id"));
        assertEquals(2, usage(user, project, "cyclades.vm"));
        awaitStatus(user, other, "ACTIVE");

        // a stopped server moves without its running resources
        action(user, id, Map.of("shutdown", Map.of()), 202);
        awaitStatus(user, id, "STOPPED");
        ComputeTestSupport.await(() -> usage(user, project, "cyclades.cpu"), u -> u == 1, "cpu released on stop");
        action(user, id, Map.of("reassign", Map.of("project", system)), 200);
        assertEquals(system, ComputeTestSupport.server(user, id).getString("server.tenant_id"));
        assertEquals(1, usage(user, system, "cyclades.vm"));
        assertEquals(0, usage(user, system, "cyclades.cpu"));
        assertEquals(10 * GIB, usage(user, system, "cyclades.disk"));
        assertEquals(1, usage(user, project, "cyclades.vm"));
        assertEquals(1, usage(user, project, "cyclades.cpu"));

        // deletes give back to whichever project holds the server
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        as(user).delete("/compute/v2.0/servers/" + other).then().statusCode(204);
        awaitStatus(user, id, "DELETED");
        awaitStatus(user, other, "DELETED");
        ComputeTestSupport.await(() -> usage(user, project, "cyclades.vm") + usage(user, system, "cyclades.vm"),
                u -> u == 0, "every vm released");
        assertEquals(0, usage(user, project, "cyclades.disk"));
        assertEquals(0, usage(user, system, "cyclades.disk"));
        assertEquals(0, usage(user, project, "cyclades.ram"));
    }

    /**
     * A project with room for a few small servers, owned by {@code user} and with {@code user} enrolled. The hidden
     * {@code total_*} resources are not part of a project specification (their project default is unlimited).
     */
    static String projectOwnedBy(TestUser user) {
        String identity = ServiceStackResource.identity().url();
        Map<String, Object> room = Map.of("project_capacity", 1L << 40, "member_capacity", 1L << 40);
        Map<String, Object> project = Map.of("name", "cmp" + UUID.randomUUID().toString().substring(0, 8)
                + ".example.org", "owner", user.uuid(), "end_date", OffsetDateTime.now().plusDays(30).toString(),
                "resources", Map.of("cyclades.vm", Map.of("project_capacity", 10, "member_capacity", 10),
                        "cyclades.cpu", room, "cyclades.ram", room, "cyclades.disk", room));
        String id = given().baseUri(identity).header("X-Auth-Token", IdentityServer.ADMIN_TOKEN)
                .contentType(ContentType.JSON).body(Map.of("project", project)).post("/identity/v2.0/projects")
                .then().statusCode(201).extract().jsonPath().getString("id");
        given().baseUri(identity).header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("enroll", Map.of("project", id, "user", user.email())))
                .post("/account/v1.0/projects/memberships").then().statusCode(200);
        return id;
    }

    static long usage(TestUser user, String project, String resource) {
        JsonPath q = given().baseUri(ServiceStackResource.identity().url()).header("X-Auth-Token", user.token())
                .get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath();
        return q.getLong("'" + project + "'.'" + resource + "'.usage");
    }
}
