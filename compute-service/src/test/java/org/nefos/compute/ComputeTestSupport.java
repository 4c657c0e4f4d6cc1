package org.nefos.compute;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;
import org.nefos.testing.KafkaRecords;

/** Users, servers and polling helpers shared by the compute tests. */
public final class ComputeTestSupport {

    /** C1R1024D10drbd, the first seeded flavor. */
    public static final int SMALL = 1;
    public static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private ComputeTestSupport() {
    }

    /** The public "Debian Base" image registered on the test image-service at start (its id is the object's). */
    public static String debian() {
        return ServiceStackResource.image().publicImageId();
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
        return as(user).contentType(ContentType.JSON).body(body).post(path);
    }

    public static Map<String, Object> serverBody(String name, Object flavor, Map<String, String> metadata) {
        Map<String, Object> server = new HashMap<>();
        server.put("name", name);
        server.put("imageRef", debian());
        server.put("flavorRef", flavor);
        server.put("metadata", metadata);
        return Map.of("server", server);
    }

    /** Creates a server (202) and answers its id. */
    public static long createServer(TestUser user, int flavor, Map<String, String> metadata) {
        return post(user, "/compute/v2.0/servers", serverBody("snf-test-" + UUID.randomUUID(), flavor, metadata))
                .then().statusCode(202).extract().jsonPath().getLong("server.id");
    }

    public static JsonPath server(TestUser user, long id) {
        return as(user).get("/compute/v2.0/servers/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Polls {@code GET /servers/{id}} until {@code status} with no pending task. */
    public static JsonPath awaitStatus(TestUser user, long id, String status) {
        return await(() -> server(user, id),
                s -> status.equals(s.getString("server.status")) && "".equals(s.getString("server.'SNF:task_state'")),
                "server " + id + " to reach " + status);
    }

    public static long createActive(TestUser user, int flavor) {
        long id = createServer(user, flavor, Map.of());
        awaitStatus(user, id, "ACTIVE");
        return id;
    }

    public static void action(TestUser user, long id, Object body, int status) {
        post(user, "/compute/v2.0/servers/" + id + "/action", body).then().statusCode(status);
    }

    /** The user's usage of {@code resource} in their system project, from identity's quota API. */
    public static long usage(TestUser user, String resource) {
        JsonPath q = given().baseUri(ServiceStackResource.identity().url()).header("X-Auth-Token", user.token())
                .get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath();
        return q.getLong("'" + user.uuid() + "'.'" + resource + "'.usage");
    }

    public static void awaitUsage(TestUser user, String resource, long expected) {
        await(() -> usage(user, resource), u -> u == expected, resource + " usage " + expected);
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

    /** Records of {@code topic} whose key is {@code key}, read from the start until {@code done} holds. */
    public static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic, String key,
            Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        return KafkaRecords.read(bootstrap, topic, key, done, DEADLINE);
    }

    public static String type(ConsumerRecord<String, byte[]> r) {
        return KafkaRecords.type(r);
    }
}
