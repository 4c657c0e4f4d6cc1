package org.nefos.compute;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.action;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.awaitStatus;
import static org.nefos.compute.ComputeTestSupport.awaitUsage;
import static org.nefos.compute.ComputeTestSupport.post;
import static org.nefos.compute.ComputeTestSupport.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Create → ACTIVE over Kafka, the power cycle, resize, reassign, delete, with the quota each step moves. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class ServerLifecycleTest {

    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;

    @Test
    void createsServerInBuildWithTheSpecFieldsAndReachesActive() {
        TestUser user = ComputeTestSupport.newUser();
        JsonPath created = post(user, "/compute/v2.0/servers",
                ComputeTestSupport.serverBody("web-1", "1", Map.of("os", "debian"))).then().statusCode(202)
                .header("Content-Type", "application/json; charset=UTF-8")
                .body("server.id", instanceOf(Integer.class))
                .body("server.status", equalTo("BUILD"))
                .body("server.'SNF:task_state'", equalTo("BUILDING"))
                .body("server.progress", equalTo(0))
                .body("server.tenant_id", equalTo(user.uuid()))
                .body("server.user_id", equalTo(user.uuid()))
                .body("server.flavor.id", equalTo(1))
                .body("server.image.id", equalTo(ComputeTestSupport.debian()))
                .body("server.image.links.size()", equalTo(3))
                .body("server.attachments.size()", equalTo(0))
                .body("server.addresses.size()", equalTo(0))
                .body("server.tags.size()", equalTo(0))
                .body("server.metadata.os", equalTo("debian"))
                .body("server.security_groups[0].name", equalTo("default"))
                .body("server", hasKey("key_name"))
                .body("server.key_name", nullValue())
                .body("server.adminPass.length()", equalTo(10))
                .extract().jsonPath();
        long id = created.getLong("server.id");
        String created1 = created.getString("server.created");
        assertTrue(created1.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00"), created1);
        assertEquals("http://127.0.0.1:8080/compute/v2.0/servers/" + id, created.getString("server.links[0].href"));

        // quota is reserved the moment the request is admitted (burnin checks this right after create)
        assertEquals(1, usage(user, "cyclades.vm"));
        assertEquals(1, usage(user, "cyclades.cpu"));
        assertEquals(1024 * MIB, usage(user, "cyclades.ram"));
        assertEquals(10 * GIB, usage(user, "cyclades.disk"));

        JsonPath active = awaitStatus(user, id, "ACTIVE");
        assertEquals(100, active.getInt("server.progress"));
        assertFalse(active.getMap("server").containsKey("adminPass"), "adminPass only in the create answer");
        as(user).get("/compute/v2.0/servers/" + id + "/password").then().statusCode(200)
                .body("password", equalTo(created.getString("server.adminPass")));
        as(user).get("/compute/v2.0/servers").then().statusCode(200)
                .body("servers.find { it.id == " + id + " }.keySet()", equalTo(java.util.Set.of("id", "name", "links")));
        as(user).get("/compute/v2.0/servers/detail").then().statusCode(200)
                .body("servers.find { it.id == " + id + " }.status", equalTo("ACTIVE"));
        assertEquals(1, usage(user, "cyclades.vm"));
    }

    @Test
    void powerCycleResizeRenameAndDeleteMoveQuotaAsCycladesDoes() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        String path = "/compute/v2.0/servers/" + id;

        as(user).contentType("application/json").body(Map.of("server", Map.of("name", "renamed"))).put(path)
                .then().statusCode(204);
        assertEquals("renamed", ComputeTestSupport.server(user, id).getString("server.name"));

        action(user, id, Map.of("shutdown", Map.of()), 202);
        assertEquals("STOPPING", ComputeTestSupport.server(user, id).getString("server.'SNF:task_state'"));
        awaitStatus(user, id, "STOPPED");
        awaitUsage(user, "cyclades.cpu", 0);
        assertEquals(0, usage(user, "cyclades.ram"));
        assertEquals(1, usage(user, "cyclades.vm"));

        // C1R1024D10drbd → C2R2048D10drbd, allowed only while stopped
        long bigger = flavorId(user, "C2R2048D10drbd");
        action(user, id, Map.of("resize", Map.of("flavorRef", bigger)), 202);
        await(user, id, s -> s.getInt("server.flavor.id") == bigger && "".equals(s.getString("server.'SNF:task_state'")));
        assertEquals("STOPPED", ComputeTestSupport.server(user, id).getString("server.status"));

        action(user, id, Map.of("start", Map.of()), 202);
        awaitStatus(user, id, "ACTIVE");
        awaitUsage(user, "cyclades.cpu", 2);
        assertEquals(2048 * MIB, usage(user, "cyclades.ram"));

        action(user, id, Map.of("reboot", Map.of("type", "HARD")), 202);
        assertEquals("REBOOT", ComputeTestSupport.server(user, id).getString("server.status"));
        awaitStatus(user, id, "ACTIVE");

        as(user).delete(path).then().statusCode(204);
        assertEquals("DESTROYING", ComputeTestSupport.server(user, id).getString("server.'SNF:task_state'"));
        JsonPath deleted = awaitStatus(user, id, "DELETED");
        assertTrue(deleted.getBoolean("server.deleted"));
        awaitUsage(user, "cyclades.vm", 0);
        assertEquals(0, usage(user, "cyclades.cpu"));
        assertEquals(0, usage(user, "cyclades.disk"));
        as(user).get("/compute/v2.0/servers").then().statusCode(200)
                .body("servers.findAll { it.id == " + id + " }.size()", equalTo(0));
        as(user).delete(path).then().statusCode(400).body("badRequest.message", equalTo("Server has been deleted."));
    }

    @Test
    void deletingAStoppedServerReleasesOnlyWhatItHolds() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        action(user, id, Map.of("os-stop", Map.of()), 202);
        awaitStatus(user, id, "STOPPED");
        awaitUsage(user, "cyclades.cpu", 0);
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        awaitStatus(user, id, "DELETED");
        awaitUsage(user, "cyclades.vm", 0);
        assertEquals(0, usage(user, "cyclades.cpu"));
        assertEquals(0, usage(user, "cyclades.ram"));
        assertEquals(0, usage(user, "cyclades.disk"));
    }

    @Test
    void deletingWhileBuildingReturnsTheReservation() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createServer(user, ComputeTestSupport.SMALL, Map.of("nefos:hang-build", ""));
        assertEquals(1, usage(user, "cyclades.vm"));
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        awaitStatus(user, id, "DELETED");
        awaitUsage(user, "cyclades.vm", 0);
        assertEquals(0, usage(user, "cyclades.disk"));
    }

    @Test
    void buildFailureInjectionEndsInErrorAndKeepsTheChargeUntilDelete() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createServer(user, ComputeTestSupport.SMALL,
                Map.of("nefos:fail-build", "disk image corrupt"));
        assertEquals(1, usage(user, "cyclades.vm"));
        JsonPath error = awaitStatus(user, id, "ERROR");
        assertEquals("ERROR", error.getString("server.status"));
        // cyclades-api.md 6.2: on create failure the quota stays charged until the user deletes the server
        assertEquals(1, usage(user, "cyclades.vm"));
        assertEquals(1, usage(user, "cyclades.cpu"));
        assertEquals(10 * GIB, usage(user, "cyclades.disk"));
        // ERROR admits reassign and delete only
        action(user, id, Map.of("start", Map.of()), 400);
        action(user, id, Map.of("shutdown", Map.of()), 400);
        action(user, id, Map.of("reboot", Map.of()), 400);
        action(user, id, Map.of("console", Map.of("type", "vnc")), 400);
        action(user, id, Map.of("reassign", Map.of("project", user.uuid())), 200);
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        awaitStatus(user, id, "DELETED");
        awaitUsage(user, "cyclades.vm", 0);
        assertEquals(0, usage(user, "cyclades.cpu"));
        assertEquals(0, usage(user, "cyclades.ram"));
        assertEquals(0, usage(user, "cyclades.disk"));
    }

    @Test
    void overQuotaIsRefusedAtOnceWith413() {
        TestUser user = ComputeTestSupport.newUser();
        long huge = flavorId(user, "C8R16384D80drbd");
        post(user, "/compute/v2.0/servers", ComputeTestSupport.serverBody("too-big", huge, Map.of())).then()
                .statusCode(413).body("overLimit.code", equalTo(413))
                .body("overLimit.message", not(equalTo("")));
        assertEquals(0, usage(user, "cyclades.vm"));
        as(user).get("/compute/v2.0/servers").then().body("servers.size()", equalTo(0));
    }

    @Test
    void reassignToAProjectTheUserIsNotInIsRefused() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        post(user, "/compute/v2.0/servers/" + id + "/action",
                Map.of("reassign", Map.of("project", "00000000-0000-4000-8000-000000000000"))).then().statusCode(400)
                .body("badRequest.message", equalTo("User " + user.uuid()
                        + " not in project 00000000-0000-4000-8000-000000000000"));
        action(user, id, Map.of("reassign", Map.of()), 400);
        action(user, id, Map.of("reassign", Map.of("project", user.uuid(), "shared_to_project", true)), 403);
        action(user, id, Map.of("reassign", Map.of("project", user.uuid())), 200);
        assertEquals(user.uuid(), ComputeTestSupport.server(user, id).getString("server.tenant_id"));
        assertEquals(1, usage(user, "cyclades.vm"));
    }

    @Test
    void changesSinceReturnsDeletedServersAnd304WhenNothingChanged() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        String since = Instant.now().minusSeconds(600).toString();
        as(user).queryParam("changes-since", since).get("/compute/v2.0/servers/detail").then().statusCode(200)
                .body("servers.find { it.id == " + id + " }.status", equalTo("ACTIVE"));
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        awaitStatus(user, id, "DELETED");
        as(user).queryParam("changes-since", since).get("/compute/v2.0/servers").then().statusCode(200)
                .body("servers.find { it.id == " + id + " }.id", equalTo((int) id));
        as(user).get("/compute/v2.0/servers/detail").then().statusCode(200)
                .body("servers.findAll { it.id == " + id + " }.size()", equalTo(0));
        ComputeTestSupport.await(() -> as(user).queryParam("changes-since", Instant.now().toString())
                .get("/compute/v2.0/servers").statusCode(), c -> c == 304, "304 on no changes");
        as(user).queryParam("changes-since", "yesterday").get("/compute/v2.0/servers").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid changes-since parameter."));
        as(user).queryParam("changes-since", "2001-01-01T00:00:00+00:00").get("/compute/v2.0/servers").then()
                .statusCode(400).body("badRequest.message", equalTo("Too old changes-since value."));
        as(user).queryParam("changes-since", Instant.now().plusSeconds(3600).toString()).get("/compute/v2.0/servers")
                .then().statusCode(400);
    }

    static long flavorId(TestUser user, String name) {
        List<Map<String, Object>> flavors = as(user).get("/compute/v2.0/flavors").then().extract().jsonPath()
                .getList("flavors");
        return flavors.stream().filter(f -> name.equals(f.get("name"))).map(f -> ((Number) f.get("id")).longValue())
                .findFirst().orElseThrow();
    }

    static JsonPath await(TestUser user, long id, java.util.function.Predicate<JsonPath> done) {
        return ComputeTestSupport.await(() -> ComputeTestSupport.server(user, id), done, "server " + id);
    }
}
