package org.nefos.storage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.storage.config.StorageConfig;
import org.nefos.storage.service.BlockCollector;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * Block garbage collection through the real API, PostgreSQL and block directory: a block goes only when no
 * version (current or history) references it and it has been idle for the grace period; a write that
 * references a block it finds in the store keeps that block alive. Blocks are aged by setting their file
 * times back, the collector is run with a one-hour grace period.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "component", value = "pithos"))
class BlockCollectorTest {

    static final String V1 = "/object-store/v1/";
    static final String OCTETS = "application/octet-stream";
    static final int BLOCK = 4 * 1024 * 1024;
    static final Duration GRACE = Duration.ofHours(1);

    static {
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                .encodeContentTypeAs(OCTETS, ContentType.TEXT));
    }

    final BlockHasher hasher = new BlockHasher("sha256");

    @Inject
    BlockCollector collector;

    @Inject
    StorageConfig config;

    static RequestSpecification as(TestUser u) {
        return given().header("X-Auth-Token", u.token());
    }

    /** One full block and a partial one, random. */
    static byte[] data(long seed) {
        byte[] d = new byte[BLOCK + 1000];
        new Random(seed).nextBytes(d);
        return d;
    }

    List<String> hashes(byte[] d) {
        List<String> out = new ArrayList<>();
        for (int at = 0; at < d.length; at += BLOCK) {
            out.add(hasher.blockHash(Arrays.copyOfRange(d, at, Math.min(d.length, at + BLOCK))));
        }
        return out;
    }

    Path file(String h) {
        return Path.of(config.blockDir()).resolve(h.substring(0, 2)).resolve(h.substring(2, 4)).resolve(h);
    }

    /** As if the blocks had been written long before the grace period. */
    void age(List<String> hs) throws IOException {
        for (String h : hs) {
            Files.setLastModifiedTime(file(h), FileTime.from(Instant.now().minus(GRACE.multipliedBy(2))));
        }
    }

    void assertStored(List<String> hs, boolean stored) {
        for (String h : hs) {
            assertEquals(stored, Files.exists(file(h)), h + (stored ? " must be stored" : " must be collected"));
        }
    }

    BlockCollector.Result collect() {
        return collector.collect(GRACE).await().atMost(Duration.ofMinutes(2));
    }

    String container(TestUser u, String name, String versioning) {
        as(u).header("X-Container-Policy-Versioning", versioning).put(V1 + u.uuid() + "/" + name).then()
                .statusCode(201);
        return V1 + u.uuid() + "/" + name;
    }

    static void put(TestUser u, String path, byte[] body) {
        as(u).contentType(OCTETS).body(body).put(path).then().statusCode(201);
    }

    static byte[] get(TestUser u, String path) {
        return as(u).get(path).then().statusCode(200).extract().asByteArray();
    }

    @Test
    void blocksOfADeletedObjectGoOnceIdleWhileTheBlocksOfLiveObjectsStay() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = container(u, "gc1", "none");
        byte[] gone = data(1);
        byte[] kept = data(2);
        put(u, c + "/gone.bin", gone);
        put(u, c + "/kept.bin", kept);
        as(u).delete(c + "/gone.bin").then().statusCode(204);
        age(hashes(gone));
        age(hashes(kept));

        BlockCollector.Result r = collect();

        assertTrue(r.destroyed() >= 2, "both blocks of the deleted object are removed: " + r);
        assertStored(hashes(gone), false);
        assertStored(hashes(kept), true);
        assertArrayEquals(kept, get(u, c + "/kept.bin"));
        assertStored(List.of(hasher.emptyHash()), true);
    }

    @Test
    void unreferencedBlocksWithinTheGracePeriodStay() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = container(u, "gc2", "none");
        byte[] recent = data(3);
        put(u, c + "/recent.bin", recent);
        as(u).delete(c + "/recent.bin").then().statusCode(204);

        collect();

        assertStored(hashes(recent), true);
    }

    @Test
    void historyVersionsKeepTheirBlocksUntilPurged() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = container(u, "gc3", "auto");
        byte[] first = data(4);
        byte[] second = data(5);
        put(u, c + "/o", first);
        put(u, c + "/o", second);
        age(hashes(first));
        age(hashes(second));

        collect();
        assertStored(hashes(first), true);

        long until = Instant.now().getEpochSecond() + 1;
        as(u).delete(c + "/o?until=" + until).then().statusCode(204);
        collect();
        assertStored(hashes(first), false);
        assertStored(hashes(second), false);
    }

    @Test
    void aHashmapUploadOfGarbageBlocksKeepsThemAlive() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = container(u, "gc4", "none");
        byte[] d = data(6);
        put(u, c + "/a.bin", d);
        as(u).delete(c + "/a.bin").then().statusCode(204);
        age(hashes(d));
        // the blocks are garbage and idle; a client re-uploads the same content by hashmap (no data sent)
        String hashmap = new JsonObject().put("bytes", d.length).put("hashes", new JsonArray(hashes(d))).encode();
        as(u).contentType(OCTETS).body(hashmap).put(c + "/b.bin?hashmap&format=json").then().statusCode(201);

        collect();

        assertStored(hashes(d), true);
        assertArrayEquals(d, get(u, c + "/b.bin"));
    }

    @Test
    void aWriteWhoseBlocksWereCollectedMeanwhileFailsWith409InsteadOfCommitting() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = container(u, "gc5", "none");
        byte[] d = data(7);
        put(u, c + "/a.bin", d);
        // a copy references the source's blocks without sending them; here they vanish first
        as(u).delete(c + "/a.bin").then().statusCode(204);
        put(u, c + "/src.bin", d);
        List<String> hs = hashes(d);
        for (String h : hs) {
            Files.delete(file(h));
        }
        as(u).header("X-Copy-From", "/gc5/src.bin").put(c + "/copy.bin").then()
                .statusCode(409);
        as(u).head(c + "/copy.bin").then().statusCode(404);
    }
}
