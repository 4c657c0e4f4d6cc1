package org.nefos.network;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.nefos.events.EventJson;
import org.nefos.events.EventType;
import org.nefos.platform.events.CloudEvent;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;
import org.nefos.testing.KafkaRecords;

/** Users, requests, polling and Kafka helpers shared by the network tests. */
public final class NetworkTestSupport {

    public static final String API = "/network/v2.0";
    public static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private NetworkTestSupport() {
    }

    public static TestUser newUser() {
        try {
            return ServiceStackResource.identity().createUser();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RequestSpecification as(TestUser user) {
        return given().header("X-Auth-Token", user.token());
    }

    public static Response post(TestUser user, String path, Object body) {
        return as(user).contentType(ContentType.JSON).body(body).post(API + path);
    }

    public static Response put(TestUser user, String path, Object body) {
        return as(user).contentType(ContentType.JSON).body(body).put(API + path);
    }

    /** A private MAC_FILTERED network (201); answers its id. */
    public static String createNetwork(TestUser user) {
        return post(user, "/networks", Map.of("network", Map.of("type", "MAC_FILTERED", "name",
                "snf-test-" + UUID.randomUUID(), "admin_state_up", true, "shared", false)))
                .then().statusCode(201).extract().jsonPath().getString("network.id");
    }

    /** An IPv4 subnet without gateway, as burnin creates it; answers its id. */
    public static String createSubnet(TestUser user, String networkId, String cidr) {
        java.util.Map<String, Object> s = new java.util.HashMap<>();
        s.put("network_id", networkId);
        s.put("cidr", cidr);
        s.put("ip_version", 4);
        s.put("gateway_ip", null);
        return post(user, "/subnets", Map.of("subnet", s)).then().statusCode(201).extract().jsonPath()
                .getString("subnet.id");
    }

    /** The seeded public floating-IP pool network. */
    public static String publicPool(TestUser user) {
        List<Map<String, Object>> nets = as(user).get(API + "/networks").then().statusCode(200).extract().jsonPath()
                .getList("networks");
        return nets.stream().filter(n -> Boolean.TRUE.equals(n.get("public"))
                && Boolean.TRUE.equals(n.get("SNF:floating_ip_pool"))).map(n -> (String) n.get("id")).findFirst()
                .orElseThrow();
    }

    /** The user's usage of {@code resource} in their system project, from identity's quota API. */
    public static long usage(TestUser user, String resource) {
        JsonPath q = given().baseUri(ServiceStackResource.identity().url()).header("X-Auth-Token", user.token())
                .get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath();
        return q.getLong("'" + user.uuid() + "'.'" + resource + "'.usage");
    }

    public static long limit(TestUser user, String resource) {
        JsonPath q = given().baseUri(ServiceStackResource.identity().url()).header("X-Auth-Token", user.token())
                .get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath();
        return q.getLong("'" + user.uuid() + "'.'" + resource + "'.limit");
    }

    public static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
        fail("timed out waiting for " + what + "; last: " + (last instanceof JsonPath j ? j.prettify() : last));
        return last;
    }

    /** Publishes a compute server fact as compute does: CloudEvents binary mode, key = server id. */
    public static <T> void publish(String bootstrap, EventType<T> type, long serverId, T payload) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                new ByteArraySerializer())) {
            CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), "/nefos/compute-service", type.type(),
                    String.valueOf(serverId), Instant.now(), EventJson.mapper().writeValueAsString(payload));
            producer.send(event.toRecord(type.topic(), String.valueOf(serverId))).get();
        }
    }

    /** Records of {@code topic} whose key is {@code key}, read from the start until {@code done} holds. */
    public static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic, String key,
            Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        return KafkaRecords.read(bootstrap, topic, key, done, DEADLINE);
    }

    public static String type(ConsumerRecord<String, byte[]> r) {
        return KafkaRecords.type(r);
    }
}
