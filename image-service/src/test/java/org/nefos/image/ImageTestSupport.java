package org.nefos.image;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.KafkaRecords;
import org.nefos.testing.ServiceStackResource;

/** Users, Pithos objects (on the real storage-service), Plankton requests and polling for the image tests. */
public final class ImageTestSupport {

    public static final String API = "/image/v1.0";
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private ImageTestSupport() {
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

    /** A request to storage-service's Pithos API. */
    public static RequestSpecification pithos(TestUser user) {
        return given().baseUri(ServiceStackResource.storage().url()).header("X-Auth-Token", user.token());
    }

    /** Uploads {@code data} to {@code <user>/<container>/<name>} (creating the container); answers its Merkle hash. */
    public static String upload(TestUser user, String container, String name, byte[] data) {
        pithos(user).put("/object-store/v1/" + user.uuid() + "/" + container).then().statusCode(org.hamcrest.Matchers
                .anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(202)));
        String path = "/object-store/v1/" + user.uuid() + "/" + container + "/" + name;
        pithos(user).contentType("application/octet-stream").body(data).put(path).then().statusCode(201);
        return pithos(user).head(path).then().statusCode(200).extract().header("X-Object-Hash");
    }

    public static String upload(TestUser user, String container, String name) {
        return upload(user, container, name, ("image bytes of " + name + " " + UUID.randomUUID())
                .getBytes(StandardCharsets.UTF_8));
    }

    public static String location(TestUser user, String container, String name) {
        return "pithos://" + user.uuid() + "/" + container + "/" + name;
    }

    /** Registers with the given extra headers; answers the reply. */
    public static Response register(TestUser user, String name, String location, Map<String, String> headers) {
        return as(user).header("X-Image-Meta-Name", name).header("X-Image-Meta-Location", location)
                .headers(headers).post(API + "/images/");
    }

    /** Uploads a fresh object and registers it (private, osfamily/root_partition); answers the image id. */
    public static String newImage(TestUser user, boolean isPublic) {
        String name = "img-" + UUID.randomUUID() + ".diskdump";
        upload(user, "images", name);
        return register(user, name, location(user, "images", name), isPublic
                ? Map.of("X-Image-Meta-Property-OSFAMILY", "linux", "X-Image-Meta-Is-Public", "True")
                : Map.of("X-Image-Meta-Property-OSFAMILY", "linux"))
                .then().statusCode(200).extract().header("x-image-meta-id");
    }

    public static List<Map<String, Object>> detail(TestUser user) {
        return as(user).get(API + "/images/detail").then().statusCode(200).extract().jsonPath().getList("images");
    }

    public static Map<String, Object> inDetail(TestUser user, String id) {
        return detail(user).stream().filter(i -> id.equals(i.get("id"))).findFirst().orElse(null);
    }

    public static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        T last = null;
        while (System.nanoTime() < end) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        fail("timed out waiting for " + what + "; last: " + last);
        return last;
    }

    public static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic, String key,
            Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        return KafkaRecords.read(bootstrap, topic, key, done, DEADLINE);
    }
}
