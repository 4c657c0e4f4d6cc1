package org.nefos.compute;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.action;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.awaitStatus;
import static org.nefos.compute.ComputeTestSupport.post;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.nefos.compute.messaging.ServerJobEventsConsumer;
import org.nefos.compute.reconcile.ServerReconciler;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.compute.ServerStatusChanged;
import org.nefos.platform.events.CloudEvent;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** The admissibility matrix, bad input, isolation between users, events on Kafka, idempotency, reconciliation. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class ServerRulesTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ServerJobEventsConsumer reports;

    @Inject
    ServerReconciler reconciler;

    @Inject
    Pool pool;

    @Test
    void actionsFollowTheAdmissibilityMatrix() {
        TestUser user = ComputeTestSupport.newUser();
        long building = ComputeTestSupport.createServer(user, ComputeTestSupport.SMALL, Map.of("nefos:hang-build", ""));
        // BUILD: 409 buildInProgress for job actions, 400 for console; metadata and rename still work
        for (Object body : List.of(Map.of("start", Map.of()), Map.of("shutdown", Map.of()), Map.of("reboot", Map.of()),
                Map.of("resize", Map.of("flavorRef", 2)), Map.of("reassign", Map.of("project", user.uuid())))) {
            post(user, "/compute/v2.0/servers/" + building + "/action", body).then().statusCode(409)
                    .body("buildInProgress.code", equalTo(409));
        }
        action(user, building, Map.of("console", Map.of("type", "vnc")), 400);
        post(user, "/compute/v2.0/servers/" + building + "/metadata", Map.of("metadata", Map.of("OS", "debian")))
                .then().statusCode(201).body("metadata.OS", equalTo("debian"));
        as(user).delete("/compute/v2.0/servers/" + building).then().statusCode(204);

        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        // ACTIVE: start and resize are 400; console 200
        post(user, "/compute/v2.0/servers/" + id + "/action", Map.of("start", Map.of())).then().statusCode(400)
                .body("badRequest.message", equalTo("Cannot perform 'start' action while server is in 'ACTIVE' state."));
        action(user, id, Map.of("resize", Map.of("flavorRef", 2)), 400);
        action(user, id, Map.of("console", Map.of("type", "vnc")), 200);
        action(user, id, Map.of("firewallProfile", Map.of("profile", "ENABLED", "nic", "1")), 404);
        action(user, id, Map.of("firewallProfile", Map.of("profile", "OPEN", "nic", "1")), 400);
        // pending task: a second action is 400 while the first runs
        action(user, id, Map.of("shutdown", Map.of()), 202);
        post(user, "/compute/v2.0/servers/" + id + "/action", Map.of("reboot", Map.of())).then().statusCode(400)
                .body("badRequest.message", equalTo("Cannot perform 'reboot' action while there is a pending 'shutdown'."));
        awaitStatus(user, id, "STOPPED");
        // STOPPED: shutdown and console 400; resize to another disk size 400; reboot allowed
        action(user, id, Map.of("shutdown", Map.of()), 400);
        action(user, id, Map.of("console", Map.of("type", "vnc")), 400);
        action(user, id, Map.of("resize", Map.of("flavorRef", ServerLifecycleTest.flavorId(user, "C1R1024D20drbd"))),
                400);
        action(user, id, Map.of("resize", Map.of("flavorRef", 1)), 400);
        action(user, id, Map.of("resize", Map.of("flavorRef", 999999)), 404);
        action(user, id, Map.of("reboot", Map.of("type", "SOFT")), 202);
        awaitStatus(user, id, "ACTIVE");
    }

    @Test
    void rejectedAndMalformedActionsAnswerAsCyclades() throws Exception {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        for (String a : List.of("changePassword", "rebuild", "confirmResize", "revertResize", "createImage", "fly")) {
            post(user, "/compute/v2.0/servers/" + id + "/action", Map.of(a, Map.of())).then().statusCode(400)
                    .body("badRequest.message", equalTo("Action " + a + " not supported"));
        }
        action(user, id, Map.of("suspend", Map.of()), 403);
        action(user, id, Map.of("rescue", Map.of()), 404);
        action(user, id, Map.of("os-getRDPConsole", Map.of()), 501);
        action(user, id, Map.of("start", "now"), 400);
        action(user, id, Map.of("reboot", Map.of("type", "GENTLE")), 400);
        action(user, id, Map.of("console", Map.of("type", "rdp")), 400);
        action(user, id, Map.of("resize", Map.of()), 400);
        // RestAssured always sends a Content-Type with a body; the JDK client sends none unless told
        java.net.http.HttpResponse<String> bare = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                        + io.restassured.RestAssured.port + "/compute/v2.0/servers/" + id + "/action"))
                        .header("X-Auth-Token", user.token())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"start\": {}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bare.statusCode());
        assertEquals("Missing Content-Type header field",
                io.restassured.path.json.JsonPath.from(bare.body()).getString("badRequest.message"));
        as(user).contentType("application/json").body("{not json").post("/compute/v2.0/servers/" + id + "/action")
                .then().statusCode(400);
        as(user).contentType("application/json").body("{\"server\": {\"name\": 5}}")
                .put("/compute/v2.0/servers/" + id).then().statusCode(400);
        as(user).post("/compute/v2.0/servers/" + id).then().statusCode(405);
    }

    @Test
    void badCreateRequestsAreFaultsNeverErrors() {
        TestUser user = ComputeTestSupport.newUser();
        String path = "/compute/v2.0/servers";
        post(user, path, Map.of("server", "x")).then().statusCode(400);
        post(user, path, ComputeTestSupport.serverBody("n", "one", Map.of())).then().statusCode(400);
        post(user, path, ComputeTestSupport.serverBody("n", 999999, Map.of())).then().statusCode(404);
        post(user, path, ComputeTestSupport.serverBody("n", ServerLifecycleTest.flavorId(user, "C1R512D5plain"),
                Map.of())).then().statusCode(403);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", "missing", "flavorRef", 1))).then()
                .statusCode(404).body("itemNotFound.code", equalTo(404));
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 11; i++) {
            many.put("k" + i, "v");
        }
        post(user, path, ComputeTestSupport.serverBody("n", 1, many)).then().statusCode(400);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "adminPass", "weak"))).then().statusCode(400);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "key_name", "nope"))).then().statusCode(404);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "personality", List.of(Map.of("path", "/a", "contents", "YQ=="), Map.of("path", "/a", "contents", "YQ=="),
                        Map.of("path", "/a", "contents", "YQ=="), Map.of("path", "/a", "contents", "YQ=="),
                        Map.of("path", "/a", "contents", "YQ=="), Map.of("path", "/a", "contents", "YQ=="))))).then()
                .statusCode(413);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "user_data", "%%%"))).then().statusCode(400);
        as(user).get(path + "/99999999999999999999").then().statusCode(400);
        assertEquals(0, ComputeTestSupport.usage(user, "cyclades.vm"));
    }

    @Test
    void usersNeverSeeOrTouchEachOthersServers() {
        TestUser alice = ComputeTestSupport.newUser();
        TestUser bob = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createServer(alice, ComputeTestSupport.SMALL, Map.of());
        String path = "/compute/v2.0/servers/" + id;
        as(bob).get(path).then().statusCode(404).body("itemNotFound.message", equalTo("Server not found."));
        as(bob).delete(path).then().statusCode(404);
        action(bob, id, Map.of("shutdown", Map.of()), 404);
        as(bob).get(path + "/metadata").then().statusCode(404);
        as(bob).contentType("application/json").body(Map.of("server", Map.of("name", "mine"))).put(path).then()
                .statusCode(404);
        as(bob).get("/compute/v2.0/servers/detail").then().statusCode(200).body("servers.size()", equalTo(0));
        awaitStatus(alice, id, "ACTIVE");
    }

    @Test
    void eventsReachKafkaAndRedeliveryHasNoSecondEffect() throws Exception {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        String key = Long.toString(id);
        List<ConsumerRecord<String, byte[]>> facts = ComputeTestSupport.records(bootstrap, "compute.server.events", key,
                l -> l.stream().anyMatch(r -> ComputeTestSupport.type(r).equals(EventCatalog.SERVER_CREATE_COMPLETED.type())));
        List<String> types = facts.stream().map(ComputeTestSupport::type).toList();
        assertTrue(types.contains(EventCatalog.SERVER_CREATE_STARTED.type()), types.toString());
        assertTrue(types.contains(EventCatalog.SERVER_JOB_COMPLETED.type()), types.toString());
        assertTrue(types.indexOf(EventCatalog.SERVER_CREATE_STARTED.type())
                < types.indexOf(EventCatalog.SERVER_CREATE_COMPLETED.type()), types.toString());
        ConsumerRecord<String, byte[]> completed = facts.stream()
                .filter(r -> ComputeTestSupport.type(r).equals(EventCatalog.SERVER_CREATE_COMPLETED.type()))
                .findFirst().orElseThrow();
        CloudEvent event = CloudEvent.fromRecord(completed);
        assertEquals("/nefos/compute-service", event.source());
        ServerStatusChanged change = EventJson.mapper().readValue(event.data(), ServerStatusChanged.class);
        assertEquals("BUILD", change.oldStatus());
        assertEquals("ACTIVE", change.newStatus());
        assertEquals(user.uuid(), change.userId());

        List<ConsumerRecord<String, byte[]>> commands = ComputeTestSupport.records(bootstrap, "compute.server.commands",
                key, l -> !l.isEmpty());
        assertEquals(EventCatalog.SERVER_BUILD.type(), ComputeTestSupport.type(commands.get(0)));

        // the backend's completion again: claimed already, nothing changes
        ConsumerRecord<String, byte[]> jobDone = facts.stream()
                .filter(r -> ComputeTestSupport.type(r).equals(EventCatalog.SERVER_JOB_COMPLETED.type()))
                .findFirst().orElseThrow();
        String before = ComputeTestSupport.server(user, id).getString("server.updated");
        assertFalse(reports.handle(jobDone).await().indefinitely(), "a redelivered event is not applied twice");
        assertEquals(before, ComputeTestSupport.server(user, id).getString("server.updated"));
        // the same report under a new event id is stale for the server (its job is no longer pending)
        CloudEvent copy = CloudEvent.fromRecord(jobDone);
        CloudEvent replay = new CloudEvent(java.util.UUID.randomUUID().toString(), copy.source(), copy.type(),
                copy.subject(), copy.time(), copy.data());
        assertFalse(reports.handle(replay).await().indefinitely());
        assertEquals(1, ComputeTestSupport.usage(user, "cyclades.vm"));
    }

    @Test
    void theReconcilerFailsABuildStuckPastItsDeadline() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createServer(user, ComputeTestSupport.SMALL, Map.of("nefos:hang-build", ""));
        pool.preparedQuery("UPDATE server SET task_started = $2 WHERE id = $1")
                .execute(Tuple.of(id, Instant.now().minusSeconds(3600).atOffset(java.time.ZoneOffset.UTC)))
                .await().indefinitely();
        reconciler.repairStuck().await().indefinitely();
        JsonPath error = ComputeTestSupport.server(user, id);
        assertEquals("ERROR", error.getString("server.status"));
        assertEquals("", error.getString("server.'SNF:task_state'"));
        // a failed build keeps its charge until the user deletes the server (cyclades-api.md 6.2)
        assertEquals(1, ComputeTestSupport.usage(user, "cyclades.vm"));
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        awaitStatus(user, id, "DELETED");
        ComputeTestSupport.awaitUsage(user, "cyclades.vm", 0);
        assertEquals(0, ComputeTestSupport.usage(user, "cyclades.disk"));
    }
}
