package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.identity.CommissionIssued;
import org.nefos.events.identity.CommissionResolved;
import org.nefos.events.identity.UserCreated;
import org.nefos.identity.IdentityTestSupport.TestUser;
import org.nefos.platform.events.CloudEvent;
import org.nefos.platform.outbox.ProcessedEvents;
import org.nefos.testing.KafkaResource;
import org.nefos.testing.PostgresResource;

/** State changes reach Kafka through the outbox as CloudEvents, keyed by resource id. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class EventPublicationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Inject
    ProcessedEvents processed;

    @Test
    void userCreationIsPublishedAsACloudEvent() throws Exception {
        TestUser user = IdentityTestSupport.newUser();
        ConsumerRecord<String, byte[]> record = awaitRecord("identity.user.events",
                r -> user.uuid().equals(r.key()) && type(r).equals(EventCatalog.USER_CREATED.type()));
        CloudEvent event = CloudEvent.fromRecord(record);
        assertEquals("/nefos/identity-service", event.source());
        assertEquals(user.uuid(), event.subject());
        assertNotNull(event.time());
        UserCreated payload = EventJson.mapper().readValue(event.data(), UserCreated.class);
        assertEquals(user.uuid(), payload.userId());
        assertEquals(user.email(), payload.email());
        assertEquals(1, payload.sequence());
        assertFalse(event.data().contains(user.token()), "events never carry tokens");
    }

    @Test
    void commissionLifecycleIsPublishedInOrder() throws Exception {
        TestUser user = IdentityTestSupport.newUser();
        long serial = CommissionResourceTest.serial(CommissionResourceTest.issue(user, "cyclades.vm", 1, false, false));
        CommissionResourceTest.action(serial, "accept").then().statusCode(200);
        String key = Long.toString(serial);
        List<ConsumerRecord<String, byte[]>> records = awaitRecords("identity.commission.events",
                r -> key.equals(r.key()), 2);
        assertEquals(EventCatalog.COMMISSION_ISSUED.type(), type(records.get(0)));
        assertEquals(EventCatalog.COMMISSION_ACCEPTED.type(), type(records.get(1)));
        CommissionIssued issued = EventJson.mapper().readValue(records.get(0).value(), CommissionIssued.class);
        assertEquals("cyclades", issued.component());
        assertEquals(user.uuid(), issued.userId());
        assertEquals(2, issued.provisions().size());
        CommissionResolved accepted = EventJson.mapper().readValue(records.get(1).value(), CommissionResolved.class);
        assertEquals("pending", accepted.oldStatus());
        assertEquals("accepted", accepted.newStatus());
        assertTrue(accepted.sequence() > issued.sequence());
    }

    @Test
    void anEventCarriesTheIdOfTheRequestThatCausedIt() throws Exception {
        TestUser user = IdentityTestSupport.newUser();
        String requestId = "evt-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("name", "traced commission", "force", false, "auto_accept", false,
                "provisions", List.of(IdentityTestSupport.userProvision(user, CommissionResourceTest.VM, 1)));
        long serial = given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).header("X-Request-Id", requestId)
                .contentType(ContentType.JSON).body(body).post("/account/v1.0/commissions")
                .then().statusCode(201).extract().jsonPath().getLong("serial");
        ConsumerRecord<String, byte[]> record = awaitRecord("identity.commission.events",
                r -> Long.toString(serial).equals(r.key()));
        assertEquals(requestId, CloudEvent.requestId(record));
        assertEquals(requestId, CloudEvent.fromRecord(record).requestId());
    }

    @Test
    void projectAndMembershipChangesArePublishedKeyedByProject() throws Exception {
        IdentityTestSupport.TestUser owner = IdentityTestSupport.newUser();
        String project = ProjectTestSupport.activeProject(owner, ProjectTestSupport.spec(ProjectTestSupport.uniqueName()));
        IdentityTestSupport.TestUser member = IdentityTestSupport.newUser();
        ProjectTestSupport.enroll(owner, project, member.email()).then().statusCode(200);
        List<ConsumerRecord<String, byte[]>> records = awaitRecords("identity.project.events",
                r -> project.equals(r.key()), 3);
        assertEquals(List.of(EventCatalog.PROJECT_CREATED.type(), EventCatalog.PROJECT_UPDATED.type(),
                EventCatalog.MEMBERSHIP_UPDATED.type()), records.stream().map(EventPublicationTest::type).toList());
        JsonNode approved = json(records.get(1).value());
        assertEquals("approved", approved.get("change").asText());
        assertEquals("uninitialized", approved.get("oldStatus").asText());
        assertEquals("active", approved.get("newStatus").asText());
        JsonNode enrolled = json(records.get(2).value());
        assertEquals(member.uuid(), enrolled.get("userId").asText());
        assertEquals("accepted", enrolled.get("newStatus").asText());
    }

    @Test
    void everyOutboxRowIsMarkedPublished() {
        IdentityTestSupport.newUser();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long unpublished;
        do {
            unpublished = pool.query("SELECT count(*) AS n FROM outbox_event WHERE published_at IS NULL").execute()
                    .await().indefinitely().iterator().next().getLong("n");
        } while (unpublished > 0 && System.nanoTime() < deadline);
        assertEquals(0, unpublished);
    }

    /**
     * The test profile polls only every 10 s; commits wake the relay through LISTEN/NOTIFY. With polling
     * alone, five users in a row would almost surely include one published later than 5 s after commit.
     */
    @Test
    void aCommitWakesTheRelayWithoutWaitingForThePoll() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(IdentityTestSupport.newUser().uuid());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double maxLag;
        long pending;
        do {
            var row = pool.preparedQuery("""
                    SELECT count(*) FILTER (WHERE published_at IS NULL) AS pending,
                           COALESCE(max(EXTRACT(EPOCH FROM published_at - occurred_at)), 0) AS lag
                    FROM outbox_event WHERE type = 'org.nefos.identity.user.created.v1' AND message_key = ANY($1)""")
                    .execute(Tuple.of(users.toArray(new String[0]))).await().indefinitely().iterator().next();
            pending = row.getLong("pending");
            maxLag = row.getNumeric("lag").doubleValue();
        } while (pending > 0 && System.nanoTime() < deadline);
        assertEquals(0, pending);
        assertTrue(maxLag < 5.0, "published " + maxLag + " s after commit; the NOTIFY wake-up did not work");
    }

    @Test
    void processedEventGuardAppliesEachEventOnceAndOnlyForward() {
        String group = "test-" + UUID.randomUUID();
        String resource = "server-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        assertTrue(claim(group, first, resource, 2));
        assertFalse(claim(group, first, resource, 2), "redelivery of the same event");
        assertFalse(claim(group, UUID.randomUUID().toString(), resource, 1), "an older sequence");
        assertFalse(claim(group, UUID.randomUUID().toString(), resource, 2), "the same sequence again");
        assertTrue(claim(group, UUID.randomUUID().toString(), resource, 3));
        assertTrue(claim("other-" + group, first, resource, 1), "groups are independent");
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        String key = "rollback-" + UUID.randomUUID();
        try {
            pool.withTransaction(tx -> tx.preparedQuery("""
                    INSERT INTO outbox_event (id, topic, message_key, type, source, subject, occurred_at, payload)
                    VALUES ($1, 'identity.user.events', $2, 'org.nefos.identity.user.updated.v1', '/test', $2, now(), '{}')""")
                    .execute(Tuple.of(UUID.randomUUID(), key))
                    .chain(() -> io.smallrye.mutiny.Uni.createFrom().failure(new IllegalStateException("boom"))))
                    .await().indefinitely();
        } catch (IllegalStateException expected) {
            // the business step failed after the outbox write
        }
        long rows = pool.preparedQuery("SELECT count(*) AS n FROM outbox_event WHERE message_key = $1")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next().getLong("n");
        assertEquals(0, rows);
    }

    private boolean claim(String group, String eventId, String resource, long sequence) {
        return pool.withTransaction(tx -> processed.claim(tx, group, eventId, resource, sequence)).await().indefinitely();
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        return awaitRecords(topic, match, 1).get(0);
    }

    private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, Predicate<ConsumerRecord<String, byte[]>> match,
            int count) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        assertEquals(count, found.size(), "events on " + topic);
        return found;
    }

    private static String type(ConsumerRecord<String, byte[]> r) {
        var h = r.headers().lastHeader("ce_type");
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    static JsonNode json(byte[] value) throws Exception {
        return EventJson.mapper().readTree(value);
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
