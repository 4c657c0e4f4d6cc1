package org.nefos.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "component", value = "pithos"))
class PithosApiTest {

    static final String V1 = "/object-store/v1/";

    static {
        // send Content-Type exactly as given (RestAssured appends a charset to text types by default) and
        // let String bodies go out as octet-stream (hashmap documents are sent with that type, as kamaki does)
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                .encodeContentTypeAs("application/octet-stream", ContentType.TEXT));
    }
    final BlockHasher hasher = new BlockHasher("sha256");

    static TestUser user() throws Exception {
        return ServiceStackResource.identity().createUser();
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    static void createContainer(TestUser u, String c) {
        given().header("X-Auth-Token", u.token()).put(V1 + u.uuid() + "/" + c).then().statusCode(201);
    }

    @Test
    void missingTokenIs401AndWrongVersionSegmentIs400() {
        given().head(V1 + UUID.randomUUID()).then().statusCode(401);
        given().get("/object-store/v1.0/x").then().statusCode(400).body("badRequest.code", equalTo(400));
    }

    @Test
    void kamakiHashmapUploadSequenceThenDownloadByRanges() throws Exception {
        TestUser u = user();
        String c = "pithos";
        createContainer(u, c);
        String base = V1 + u.uuid() + "/" + c;
        given().header("X-Auth-Token", u.token()).head(base).then().statusCode(204)
                .header("X-Container-Block-Size", "4194304").header("X-Container-Block-Hash", "sha256");
        byte[] block0 = new byte[4194304];
        java.util.Arrays.fill(block0, (byte) 'a');
        byte[] block1 = ("b" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String h0 = hasher.blockHash(block0);
        String h1 = hasher.blockHash(block1);
        long size = block0.length + block1.length;
        String hashmap = "{\"bytes\": " + size + ", \"hashes\": [\"" + h0 + "\", \"" + h1 + "\"]}";
        Response missing = given().header("X-Auth-Token", u.token()).contentType("application/octet-stream")
                .body(hashmap).put(base + "/big.bin?format=json&hashmap=True");
        assertEquals(409, missing.statusCode());
        assertTrue(missing.body().asString().contains(h1));
        for (byte[] b : List.of(block0, block1)) {
            given().header("X-Auth-Token", u.token()).contentType("application/octet-stream").body(b)
                    .post(base + "?update&format=json").then().statusCode(202).body("[0]", equalTo(hasher.blockHash(b)));
        }
        String top = hasher.topHash(List.of(h0, h1));
        given().header("X-Auth-Token", u.token()).contentType("application/octet-stream").body(hashmap)
                .put(base + "/big.bin?format=json&hashmap=True").then().statusCode(201).header("ETag", top)
                .header("X-Object-Version", notNullValue());
        given().header("X-Auth-Token", u.token()).get(base + "/big.bin?format=json&hashmap=True").then()
                .parser("application/octet-stream", Parser.JSON)
                .statusCode(200).header("Content-Type", "application/octet-stream").body("bytes", equalTo((int) size)).body("hashes", equalTo(List.of(h0, h1)))
                .body("block_size", equalTo(4194304)).body("block_hash", equalTo("sha256"));
        byte[] second = given().header("X-Auth-Token", u.token()).header("Range", "bytes=4194304-" + (size - 1))
                .get(base + "/big.bin?format=json").then().statusCode(206)
                .header("Content-Range", "bytes 4194304-" + (size - 1) + "/" + size).extract().asByteArray();
        assertEquals(new String(block1, StandardCharsets.UTF_8), new String(second, StandardCharsets.UTF_8));
        given().header("X-Auth-Token", u.token()).header("Range", "bytes=0-" + size).get(base + "/big.bin")
                .then().statusCode(416);
        Response multi = given().header("X-Auth-Token", u.token()).header("Range", "bytes=0-0,4194304-4194304")
                .get(base + "/big.bin");
        assertEquals(206, multi.statusCode());
        assertTrue(multi.contentType().startsWith("multipart/byteranges; boundary="));
        assertTrue(multi.body().asString().contains("Content-Range: bytes 4194304-4194304/" + size));
    }

    @Test
    void dataPutStreamsAndGetsBackWithMd5EtagListingsVersionsAndConditionals() throws Exception {
        TestUser u = user();
        createContainer(u, "docs");
        String base = V1 + u.uuid() + "/docs";
        byte[] body = ("hello " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String md5 = md5(body);
        given().header("X-Auth-Token", u.token()).contentType("text/plain").header("X-Object-Meta-my_KEY", "v1")
                .body(body).put(base + "/a/b.txt").then().statusCode(201).header("ETag", md5);
        given().header("X-Auth-Token", u.token()).contentType("text/plain").header("ETag", "0000")
                .body(body).put(base + "/bad.txt").then().statusCode(422);
        given().header("X-Auth-Token", u.token()).get(base + "/a/b.txt").then().statusCode(200)
                .header("ETag", md5).header("X-Object-Meta-My-Key", "v1").header("Content-Type", "text/plain")
                .body(equalTo(new String(body, StandardCharsets.UTF_8)));
        given().header("X-Auth-Token", u.token()).header("If-None-Match", md5).get(base + "/a/b.txt").then()
                .statusCode(304);
        given().header("X-Auth-Token", u.token()).header("If-Match", "nope").head(base + "/a/b.txt").then()
                .statusCode(412);
        given().header("X-Auth-Token", u.token()).contentType("text/plain").header("If-None-Match", "*").body(body)
                .put(base + "/a/b.txt").then().statusCode(412);
        given().header("X-Auth-Token", u.token()).contentType("text/plain").body("v2").put(base + "/a/b.txt").then()
                .statusCode(201);
        given().header("X-Auth-Token", u.token()).get(base + "/a/b.txt?version=list&format=json").then()
                .statusCode(200).body("versions.size()", equalTo(2));
        given().header("X-Auth-Token", u.token()).get(base + "?format=json").then().statusCode(200)
                .body("[0].name", equalTo("a/b.txt")).body("[0].bytes", equalTo(2))
                .body("[0].x_object_hash", equalTo(hasher.blockHash("v2".getBytes())))
                .body("[0].available", equalTo(1));
        given().header("X-Auth-Token", u.token()).get(base + "?delimiter=/&format=json").then().statusCode(200)
                .body("[0].subdir", equalTo("a/"));
        given().header("X-Auth-Token", u.token()).get(base).then().statusCode(200).body(equalTo("a/b.txt\n"));
        given().header("X-Auth-Token", u.token()).delete(base).then().statusCode(409);
        given().header("X-Auth-Token", u.token()).delete(base + "/a/b.txt").then().statusCode(204);
        given().header("X-Auth-Token", u.token()).get(base + "/a/b.txt").then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
        given().header("X-Auth-Token", u.token()).get(base + "?format=json").then().statusCode(200)
                .body(equalTo("[]"));
        given().urlEncodingEnabled(false).header("X-Auth-Token", u.token()).contentType("text/plain").body(body)
                .put(base + "/..%2Fescape").then().statusCode(400).body("badRequest.code", equalTo(400));
    }

    @Test
    void sharingPublicLinksAndAuthorizationBetweenTwoUsers() throws Exception {
        TestUser owner = user();
        TestUser other = user();
        createContainer(owner, "shared");
        String base = V1 + owner.uuid() + "/shared";
        given().header("X-Auth-Token", owner.token()).contentType("text/plain").body("secret")
                .put(base + "/private.txt").then().statusCode(201);
        given().header("X-Auth-Token", other.token()).get(base + "/private.txt").then().statusCode(403)
                .body("forbidden.code", equalTo(403));
        given().header("X-Auth-Token", owner.token()).header("X-Object-Sharing", "read=" + other.uuid().toUpperCase())
                .post(base + "/private.txt?update").then().statusCode(202);
        given().header("X-Auth-Token", other.token()).get(base + "/private.txt").then().statusCode(200)
                .body(equalTo("secret")).header("X-Object-Allowed-To", "read")
                .header("X-Object-Sharing", "read=" + other.uuid().toLowerCase());
        given().header("X-Auth-Token", other.token()).contentType("text/plain").body("x")
                .put(base + "/private.txt").then().statusCode(403);
        given().header("X-Auth-Token", other.token()).delete(base + "/private.txt").then().statusCode(403);
        given().header("X-Auth-Token", other.token()).get("/object-store/v1/?format=json").then().statusCode(200)
                .body("name", hasItems(owner.uuid()));
        given().header("X-Auth-Token", owner.token()).header("X-Object-Public", "True")
                .post(base + "/private.txt?update").then().statusCode(202);
        String url = given().header("X-Auth-Token", owner.token()).head(base + "/private.txt").then().statusCode(200)
                .extract().header("X-Object-Public");
        String path = url.substring(url.indexOf("/public/"));
        given().get(path).then().statusCode(200).body(equalTo("secret"));
        given().header("X-Auth-Token", owner.token()).header("X-Object-Public", "False")
                .post(base + "/private.txt?update").then().statusCode(202);
        given().get(path).then().statusCode(404);
    }

    @Test
    void identicalBytesFromTwoUsersAreStoredOnceAndCopyKeepsTheHash() throws Exception {
        TestUser a = user();
        TestUser b = user();
        createContainer(a, "c");
        createContainer(b, "c");
        byte[] body = ("dedup " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        given().header("X-Auth-Token", a.token()).contentType("application/octet-stream").body(body)
                .put(V1 + a.uuid() + "/c/x").then().statusCode(201);
        String hash = hasher.blockHash(body);
        String hashmap = "{\"bytes\": " + body.length + ", \"hashes\": [\"" + hash + "\"]}";
        given().header("X-Auth-Token", b.token()).contentType("application/octet-stream").body(hashmap)
                .put(V1 + b.uuid() + "/c/y?hashmap&format=json").then().statusCode(201).header("ETag", hash);
        given().header("X-Auth-Token", a.token()).header("X-Copy-From", "/c/x")
                .put(V1 + a.uuid() + "/c/copy").then().statusCode(201);
        given().header("X-Auth-Token", a.token()).head(V1 + a.uuid() + "/c/copy").then().statusCode(200)
                .header("X-Object-Hash", hash);
        given().header("X-Auth-Token", b.token()).header("X-Move-From", "/c/x").header("X-Source-Account", a.uuid())
                .put(V1 + b.uuid() + "/c/stolen").then().statusCode(403);
    }

    @Test
    void containerQuotaRefusesWithRequestEntityTooLarge() throws Exception {
        TestUser u = user();
        given().header("X-Auth-Token", u.token()).header("X-Container-Policy-Quota", "100")
                .put(V1 + u.uuid() + "/small").then().statusCode(201);
        given().header("X-Auth-Token", u.token()).contentType("text/plain").body(new byte[101])
                .put(V1 + u.uuid() + "/small/o").then().statusCode(413);
        given().header("X-Auth-Token", u.token()).head(V1 + u.uuid() + "/small/o").then().statusCode(404);
    }

    @Test
    void objectCreationReachesKafka() throws Exception {
        TestUser u = user();
        createContainer(u, "ev");
        String uuid = given().header("X-Auth-Token", u.token()).contentType("text/plain").body("e")
                .put(V1 + u.uuid() + "/ev/o").then().statusCode(201).extract().header("X-Object-Version");
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("storage.object.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String data = new String(r.value(), StandardCharsets.UTF_8);
                    if (data.contains(u.uuid()) && data.contains("\"version\":" + uuid)) {
                        assertEquals("org.nefos.storage.object.created.v1",
                                new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no storage.object.events record for the upload within 30 s");
    }

    @Test
    void publishingAndSharingReachKafkaOnlyWhenTheyChange() throws Exception {
        TestUser u = user();
        TestUser other = user();
        createContainer(u, "pub");
        String o = V1 + u.uuid() + "/pub/o";
        String uuid = given().header("X-Auth-Token", u.token()).contentType("text/plain").body("p").put(o).then()
                .statusCode(201).extract().header("X-Object-Version");
        String objectId = given().header("X-Auth-Token", u.token()).head(o).then().extract().header("X-Object-UUID");
        given().header("X-Auth-Token", u.token()).header("X-Object-Public", "True").post(o + "?update").then()
                .statusCode(202);
        given().header("X-Auth-Token", u.token()).header("X-Object-Public", "True").post(o + "?update").then()
                .statusCode(202);
        given().header("X-Auth-Token", u.token()).header("X-Object-Sharing", "read=" + other.uuid())
                .post(o + "?update").then().statusCode(202);
        given().header("X-Auth-Token", u.token()).header("X-Object-Public", "False").post(o + "?update").then()
                .statusCode(202);
        List<String> types = new java.util.ArrayList<>();
        List<String> payloads = new java.util.ArrayList<>();
        Properties p = new Properties();
        p.put("bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put("group.id", "test-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("storage.object.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && types.size() < 4) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (objectId.equals(r.key())) {
                        types.add(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
                        payloads.add(new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertEquals(List.of("org.nefos.storage.object.created.v1", "org.nefos.storage.object.published.v1",
                "org.nefos.storage.object.shared.v1", "org.nefos.storage.object.published.v1"), types,
                "one event per actual change, in order (version " + uuid + ")");
        assertTrue(payloads.get(1).contains("\"published\":true") && payloads.get(1).contains("/public/"),
                payloads.get(1));
        assertTrue(payloads.get(2).contains(other.uuid()), payloads.get(2));
        assertTrue(payloads.get(3).contains("\"published\":false") && payloads.get(3).contains("\"publicUrl\":null"),
                payloads.get(3));
    }

    @Test
    void faultsAreXmlWhenXmlIsRequested() throws Exception {
        TestUser u = user();
        Response r = given().header("X-Auth-Token", u.token()).get(V1 + u.uuid() + "/nope?format=xml");
        assertEquals(404, r.statusCode());
        assertEquals("application/xml; charset=UTF-8", r.contentType());
        assertTrue(r.asString().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"), r.asString());
        assertTrue(r.asString().contains("<itemNotFound code=\"404\"><message>"), r.asString());
        given().header("X-Auth-Token", u.token()).get(V1 + u.uuid() + "/nope?format=text").then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
    }
}
