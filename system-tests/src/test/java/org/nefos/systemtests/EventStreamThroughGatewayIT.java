package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nefos.testing.EventStreamClient;
import org.nefos.testing.EventStreamClient.Message;

/**
 * A web frontend's view: an SSE client and a WebSocket client, both connected through the gateway, see
 * a server created through the gateway go BUILD → ACTIVE, from the events compute-service publishes.
 */
@ExtendWith(SystemStackExtension.class)
class EventStreamThroughGatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final SystemStack stack;

    EventStreamThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    private RequestSpecification demo() {
        return given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken);
    }

    private static boolean status(Message m, long server, String status) {
        JsonPath json = JsonPath.from(m.data());
        Object id = json.get("data.serverId");
        return id instanceof Number n && n.longValue() == server && status.equals(json.getString("data.newStatus"));
    }

    @Test
    void sseAndWebSocketClientsSeeAServerGoFromBuildToActiveLive() {
        Poll.until(() -> given().baseUri(stack.gatewayUrl()).get("/q/health/ready").then().extract().jsonPath(),
                h -> "reading".equals(h.getString("checks.find { it.name == 'event-stream' }.data.state")),
                Duration.ofSeconds(60), "the gateway reads the event topics");
        String base = stack.gatewayUrl().replaceFirst("^http", "");
        String query = "?types=org.nefos.compute.server";
        try (EventStreamClient sse = EventStreamClient.sse(URI.create("http" + base + "/events/v1/stream" + query),
                Map.of("X-Auth-Token", stack.demoToken));
                EventStreamClient ws = EventStreamClient.webSocket(URI.create("ws" + base + "/events/v1/stream" + query),
                        Map.of(), "{\"token\": \"" + stack.demoToken + "\"}")) {
            assertEquals(200, sse.status(), String.valueOf(sse.errorBody()));
            assertEquals(101, ws.status());
            // the WebSocket authenticates with its first message; give it a moment to be attached by
            // polling the gateway's client count
            Poll.until(() -> given().baseUri(stack.gatewayUrl()).get("/q/health/ready").then().extract().jsonPath()
                    .getInt("checks.find { it.name == 'event-stream' }.data.clients"), n -> n >= 2,
                    Duration.ofSeconds(30), "both clients attached");

            Object flavor = demo().get("/compute/v2.0/flavors/detail").then().statusCode(200).extract().jsonPath()
                    .getList("flavors", Map.class).stream().filter(f -> Boolean.TRUE.equals(f.get("SNF:allow_create")))
                    .findFirst().orElseThrow().get("id");
            String image = demo().get("/compute/v2.0/images").then().statusCode(200).extract().jsonPath()
                    .getString("images[0].id");
            long id = demo().contentType(ContentType.JSON)
                    .body(Map.of("server", Map.of("name", "live-" + UUID.randomUUID(), "flavorRef", flavor,
                            "imageRef", image)))
                    .post("/compute/v2.0/servers").then().statusCode(202).extract().jsonPath().getLong("server.id");
            try {
                for (EventStreamClient client : List.of(sse, ws)) {
                    String kind = client == sse ? "SSE" : "WebSocket";
                    Message active = client.await(m -> status(m, id, "ACTIVE"), WAIT);
                    assertNotNull(active, kind + " client saw server " + id + " become ACTIVE");
                    List<Message> before = client.received();
                    assertTrue(before.stream().anyMatch(m -> status(m, id, "BUILD")),
                            kind + " client saw BUILD before ACTIVE: " + before);
                    assertEquals(SystemStack.DEMO_UUID, JsonPath.from(active.data()).getString("data.userId"));
                }
                assertTrue(sse.received().stream().allMatch(m -> m.id() != null), "SSE events carry ids to resume from");
            } finally {
                demo().delete("/compute/v2.0/servers/" + id).then().statusCode(204);
            }
        }
    }
}
