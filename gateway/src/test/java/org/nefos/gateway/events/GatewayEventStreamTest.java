package org.nefos.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.nefos.gateway.config.GatewayConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.EventType;
import org.nefos.events.compute.ServerCreateStarted;
import org.nefos.events.compute.ServerStatusChanged;
import org.nefos.events.network.PortChanged;
import org.nefos.events.storage.ObjectShared;
import org.nefos.platform.events.CloudEvent;
import org.nefos.testing.EventStreamClient;
import org.nefos.testing.EventStreamClient.Message;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * The live stream against a real Kafka broker and the real identity-service: events are produced as
 * the services' outbox relays produce them (CloudEvents binary mode, JSON payload records).
 */
@QuarkusTest
@WithTestResource(value = EventStackResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class GatewayEventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(700);

    @Inject
    EventFeed feed;

    @TestHTTPResource("/")
    URL gateway;

    @Inject
    GatewayConfig config;

    KafkaProducer<String, byte[]> producer;
    TestUser alice;
    TestUser bob;

    @BeforeEach
    void setUp() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!feed.ready() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // polling the feed's readiness with a deadline
        }
        assertTrue(feed.ready(), "the event feed reads the topics");
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                config.events().bootstrapServers().orElseThrow(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        alice = ServiceStackResource.identity().createUser();
        bob = ServiceStackResource.identity().createUser();
    }

    @AfterEach
    void tearDown() {
        producer.close(Duration.ofSeconds(5));
    }

    private URI uri(String query) {
        return URI.create("http://" + gateway.getHost() + ":" + gateway.getPort() + EventStreams.PATH
                + (query == null ? "" : "?" + query));
    }

    private URI wsUri(String query) {
        return URI.create("ws://" + gateway.getHost() + ":" + gateway.getPort() + EventStreams.PATH
                + (query == null ? "" : "?" + query));
    }

    private <T> void produce(EventType<T> type, String key, T payload) throws Exception {
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), "/test", type.type(), key, Instant.now(),
                EventJson.mapper().writeValueAsString(payload));
        producer.send(event.toRecord(type.topic(), key)).get(10, TimeUnit.SECONDS);
    }

    private long serverBuilds(TestUser user) throws Exception {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        produce(EventCatalog.SERVER_CREATE_STARTED, Long.toString(id), new ServerCreateStarted(id, user.uuid(),
                user.uuid(), "vm", 1, "img", 7, null, "BUILD", 1, Instant.now()));
        return id;
    }

    private void serverActive(TestUser user, long id) throws Exception {
        produce(EventCatalog.SERVER_CREATE_COMPLETED, Long.toString(id), new ServerStatusChanged(id, user.uuid(),
                user.uuid(), "create", "BUILD", "ACTIVE", null, 2, Instant.now()));
    }

    private static JsonObject json(Message m) {
        return new JsonObject(m.data());
    }

    private static boolean isServer(Message m, long id) {
        JsonObject data = json(m).getJsonObject("data");
        return data != null && Long.valueOf(id).equals(data.getLong("serverId"));
    }

    @Test
    void sseClientSeesItsServerGoFromBuildToActiveAndNothingOfOtherUsers() throws Exception {
        try (EventStreamClient sse = EventStreamClient.sse(uri(null), Map.of("X-Auth-Token", alice.token()))) {
            assertEquals(200, sse.status());
            long bobs = serverBuilds(bob);
            long mine = serverBuilds(alice);
            serverActive(alice, mine);
            serverActive(bob, bobs);
            Message active = sse.await(m -> isServer(m, mine) && json(m).getJsonObject("data")
                    .getString("newStatus").equals("ACTIVE"), WAIT);
            assertNotNull(active, "the ACTIVE transition arrives");
            List<Message> all = sse.drain(QUIET);
            List<String> statuses = all.stream().map(m -> json(m).getJsonObject("data").getString("newStatus")).toList();
            assertEquals(List.of("BUILD", "ACTIVE"), statuses, "alice's two events, in order, none of bob's");
            JsonObject first = json(all.get(0));
            assertEquals(EventCatalog.SERVER_CREATE_STARTED.type(), first.getString("type"));
            assertEquals(Long.toString(mine), first.getString("subject"));
            assertEquals(alice.uuid(), first.getJsonObject("data").getString("userId"));
            assertEquals(all.get(0).id(), first.getString("stream_id"), "the SSE id is the message's stream_id");
            assertTrue(all.stream().noneMatch(m -> isServer(m, bobs)));
        }
    }

    @Test
    void typesFilterSelectsByExactTypeOrDottedPrefix() throws Exception {
        try (EventStreamClient prefix = EventStreamClient.sse(uri("types=org.nefos.network.port"),
                Map.of("X-Auth-Token", alice.token()));
                EventStreamClient exact = EventStreamClient.sse(
                        uri("types=" + EventCatalog.SERVER_CREATE_COMPLETED.type()),
                        Map.of("X-Auth-Token", alice.token()))) {
            long server = serverBuilds(alice);
            serverActive(alice, server);
            String port = UUID.randomUUID().toString();
            produce(EventCatalog.PORT_CREATED, port, new PortChanged(port, "net-1", alice.uuid(), null,
                    "aa:00:00:00:00:01", "create", null, "BUILD", List.of(), 1, Instant.now()));
            Message portEvent = prefix.await(m -> true, WAIT);
            assertNotNull(portEvent);
            assertEquals(EventCatalog.PORT_CREATED.type(), json(portEvent).getString("type"));
            Message completed = exact.await(m -> true, WAIT);
            assertNotNull(completed);
            assertEquals(EventCatalog.SERVER_CREATE_COMPLETED.type(), json(completed).getString("type"));
            assertEquals(1, prefix.drain(QUIET).size(), "no server events on the port stream");
            assertEquals(1, exact.drain(QUIET).size(), "only the completion on the exact stream");
        }
    }

    @Test
    void reconnectWithLastEventIdReplaysWhatHappenedMeanwhile() throws Exception {
        String lastId;
        long server;
        try (EventStreamClient sse = EventStreamClient.sse(uri(null), Map.of("X-Auth-Token", alice.token()))) {
            server = serverBuilds(alice);
            Message build = sse.await(m -> isServer(m, server), WAIT);
            assertNotNull(build);
            lastId = build.id();
        }
        serverActive(alice, server); // while disconnected
        long other = serverBuilds(alice);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.ring().listeners() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        try (EventStreamClient again = EventStreamClient.sse(uri(null),
                Map.of("X-Auth-Token", alice.token(), "Last-Event-ID", lastId))) {
            Message next = again.await(m -> isServer(m, other), WAIT);
            assertNotNull(next, "the later event is replayed or arrives live");
            List<Message> got = again.received();
            assertTrue(got.size() >= 2, "the missed ACTIVE comes before: " + got);
            assertTrue(isServer(got.get(0), server));
            assertEquals("ACTIVE", json(got.get(0)).getJsonObject("data").getString("newStatus"));
            assertTrue(got.stream().noneMatch(m -> m.id() != null && m.id().equals(lastId)), "no duplicate");
        }
    }

    @Test
    void unknownLastEventIdGetsAReplayIncompleteNoticeFirst() throws Exception {
        try (EventStreamClient sse = EventStreamClient.sse(uri("last_event_id=0badbeef-12"),
                Map.of("X-Auth-Token", alice.token()))) {
            Message first = sse.await(m -> true, WAIT);
            assertNotNull(first);
            assertNull(first.id(), "the notice carries no id, so the client's Last-Event-ID stays");
            assertEquals(EventMessages.REPLAY_INCOMPLETE, json(first).getString("type"));
            long server = serverBuilds(alice);
            assertNotNull(sse.await(m -> isServer(m, server), WAIT), "live events follow");
        }
    }

    @Test
    void sharingNoticeReachesTheUserItWasSharedWith() throws Exception {
        try (EventStreamClient bobs = EventStreamClient.sse(uri("types=org.nefos.storage"),
                Map.of("X-Auth-Token", bob.token()))) {
            String object = UUID.randomUUID().toString();
            produce(EventCatalog.OBJECT_SHARED, object, new ObjectShared(object, alice.uuid(), alice.uuid(), "pithos",
                    "a.txt", List.of(bob.uuid()), List.of(), 5, 6, alice.uuid(), Instant.now()));
            Message shared = bobs.await(m -> true, WAIT);
            assertNotNull(shared);
            assertEquals(object, json(shared).getJsonObject("data").getString("objectId"));
        }
    }

    @Test
    void refusedRequestsAnswerSynnefoFaults() {
        EventStreamClient none = EventStreamClient.sse(uri(null), Map.of());
        assertEquals(401, none.status());
        assertTrue(none.errorBody().contains("\"unauthorized\""), none.errorBody());
        EventStreamClient bad = EventStreamClient.sse(uri(null), Map.of("X-Auth-Token", "not-a-token"));
        assertEquals(401, bad.status());
        EventStreamClient types = EventStreamClient.sse(uri("types=Bad%20Type"), Map.of("X-Auth-Token", alice.token()));
        assertEquals(400, types.status());
        assertTrue(types.errorBody().contains("\"badRequest\""), types.errorBody());
        EventStreamClient elsewhere = EventStreamClient.sse(URI.create(uri(null).toString().replace("/stream", "/other")),
                Map.of("X-Auth-Token", alice.token()));
        assertEquals(404, elsewhere.status());
    }

    @Test
    void tokenInTheQueryWorksForBrowserEventSource() throws Exception {
        try (EventStreamClient sse = EventStreamClient.sse(uri("X-Auth-Token=" + alice.token()), Map.of())) {
            assertEquals(200, sse.status());
            long server = serverBuilds(alice);
            assertNotNull(sse.await(m -> isServer(m, server), WAIT));
        }
    }

    @Test
    void webSocketWithTokenHeaderSeesBuildThenActive() throws Exception {
        try (EventStreamClient ws = EventStreamClient.webSocket(wsUri("types=org.nefos.compute.server"),
                Map.of("X-Auth-Token", alice.token()), null)) {
            assertEquals(101, ws.status());
            awaitListeners(1);
            long bobs = serverBuilds(bob);
            long mine = serverBuilds(alice);
            serverActive(alice, mine);
            Message active = ws.await(m -> isServer(m, mine)
                    && json(m).getJsonObject("data").getString("newStatus").equals("ACTIVE"), WAIT);
            assertNotNull(active);
            List<Message> all = ws.drain(QUIET);
            assertEquals(2, all.size(), "BUILD and ACTIVE, nothing of bob's: " + all);
            assertTrue(all.stream().noneMatch(m -> isServer(m, bobs)));
            assertNotNull(json(all.get(0)).getString("stream_id"), "WebSocket messages carry the id to resume from");
        }
    }

    @Test
    void webSocketTokenAsFirstMessageAndResumeFromStreamId() throws Exception {
        String resumeFrom;
        long server;
        try (EventStreamClient ws = EventStreamClient.webSocket(wsUri(null), Map.of(),
                new JsonObject().put("token", alice.token()).encode())) {
            awaitListeners(1);
            server = serverBuilds(alice);
            Message build = ws.await(m -> isServer(m, server), WAIT);
            assertNotNull(build);
            resumeFrom = json(build).getString("stream_id");
        }
        awaitListeners(0);
        serverActive(alice, server);
        try (EventStreamClient ws = EventStreamClient.webSocket(wsUri(null), Map.of(),
                new JsonObject().put("token", alice.token()).put("last_event_id", resumeFrom).encode())) {
            Message active = ws.await(m -> isServer(m, server), WAIT);
            assertNotNull(active, "the event missed while away is replayed");
            assertEquals("ACTIVE", json(active).getJsonObject("data").getString("newStatus"));
        }
    }

    @Test
    void webSocketWithRefusedTokenIsClosedWithPolicyViolation() throws Exception {
        EventStreamClient header = EventStreamClient.webSocket(wsUri(null), Map.of("X-Auth-Token", "nope"), null);
        assertEquals(401, header.status(), "a refused header token fails the handshake");
        try (EventStreamClient ws = EventStreamClient.webSocket(wsUri(null), Map.of(), "{\"token\": \"nope\"}")) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!ws.ended() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            assertEquals(EventStreams.WS_POLICY, ws.closeCode());
            assertFalse(ws.closeReason().isEmpty());
        }
    }

    private void awaitListeners(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.ring().listeners() != count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertEquals(count, feed.ring().listeners());
    }
}
