package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Object bytes through the gateway into storage-service and back, with the Pithos quota moving. */
@ExtendWith(SystemStackExtension.class)
class StorageThroughGatewayIT {

    private final SystemStack stack;

    StorageThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    /** Content types go out exactly as given, as kamaki sends them (Pithos matches some exactly). */
    private RequestSpecification demo() {
        return given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                        .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken);
    }

    @Test
    void anObjectRoundTripsIntactAndIsCharged() throws Exception {
        String container = "/object-store/v1/" + SystemStack.DEMO_UUID + "/sys-" + UUID.randomUUID();
        demo().put(container).then().statusCode(201);
        byte[] data = new byte[9 * 1024 * 1024 + 12345];   // three blocks, the last partial
        new Random(42).nextBytes(data);
        long before = usage();

        demo().contentType("application/octet-stream").body(data).put(container + "/data.bin").then().statusCode(201);
        Response head = demo().head(container + "/data.bin").then().statusCode(200).extract().response();
        assertEquals(Long.toString(data.length), head.header("Content-Length"));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)), head.header("ETag").replace("\"", ""));

        byte[] back = demo().get(container + "/data.bin").then().statusCode(200).extract().asByteArray();
        assertArrayEquals(sha256(data), sha256(back));
        Response range = demo().header("Range", "bytes=4194300-4194309").get(container + "/data.bin")
                .then().statusCode(206).extract().response();
        assertEquals(10, range.asByteArray().length);
        assertEquals(data[4194300], range.asByteArray()[0]);

        Poll.until(this::usage, u -> u == before + data.length, Duration.ofSeconds(30), "pithos.diskspace charged");
        String listing = demo().get(container).then().statusCode(200).extract().asString();
        assertTrue(listing.lines().anyMatch("data.bin"::equals), listing);

        demo().delete(container + "/data.bin").then().statusCode(204);
        demo().get(container + "/data.bin").then().statusCode(404);
        Poll.until(this::usage, u -> u == before, Duration.ofSeconds(30), "pithos.diskspace released");
    }

    /** kamaki's upload (hashmap PUT, missing blocks, block POSTs, hashmap PUT) and download (hashmap, ranges). */
    @Test
    void kamakisHashmapSequencesThroughTheGateway() throws Exception {
        String container = "/object-store/v1/" + SystemStack.DEMO_UUID + "/kamaki-" + UUID.randomUUID();
        demo().put(container).then().statusCode(201);
        Response head = demo().head(container).then().statusCode(204).extract().response();
        int blockSize = Integer.parseInt(head.header("X-Container-Block-Size"));
        assertEquals("sha256", head.header("X-Container-Block-Hash"));

        byte[] data = new byte[2 * blockSize + 777];
        new Random(7).nextBytes(data);
        java.util.List<byte[]> blocks = new java.util.ArrayList<>();
        java.util.List<String> hashes = new java.util.ArrayList<>();
        for (int off = 0; off < data.length; off += blockSize) {
            byte[] block = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + blockSize));
            blocks.add(block);
            hashes.add(blockHash(block));
        }
        String hashmap = "{\"bytes\": " + data.length + ", \"hashes\": [\"" + String.join("\", \"", hashes) + "\"]}";
        String object = container + "/kamaki.bin";
        Response missing = demo().contentType("application/octet-stream").body(hashmap.getBytes())
                .put(object + "?format=json&hashmap=True");
        assertEquals(409, missing.statusCode());
        for (String h : hashes) {
            assertTrue(missing.asString().contains(h), "409 lists the missing block " + h);
        }
        for (byte[] block : blocks) {
            String stored = demo().contentType("application/octet-stream").body(block)
                    .post(container + "?update&format=json").then().statusCode(202).extract().asString();
            assertTrue(stored.contains(blockHash(block)), "stored under " + stored + ", expected " + blockHash(block));
        }
        demo().contentType("application/octet-stream").body(hashmap.getBytes()).put(object + "?format=json&hashmap=True")
                .then().log().ifValidationFails().statusCode(201);

        String map = demo().get(object + "?format=json&hashmap=True").then().statusCode(200).extract().asString();
        for (String h : hashes) {
            assertTrue(map.contains(h), map);
        }
        java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < blocks.size(); i++) {
            long from = (long) i * blockSize;
            long to = from + blocks.get(i).length - 1;
            byte[] part = demo().header("Range", "bytes=" + from + "-" + to).get(object).then().statusCode(206)
                    .header("Content-Range", "bytes " + from + "-" + to + "/" + data.length).extract().asByteArray();
            joined.write(part);
        }
        assertArrayEquals(sha256(data), sha256(joined.toByteArray()));
    }

    /** SHA-256 of a block without its trailing zero bytes (Pithos). */
    private static String blockHash(byte[] block) throws Exception {
        int end = block.length;
        while (end > 0 && block[end - 1] == 0) {
            end--;
        }
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(block, 0, end);
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void anotherUserCannotReadTheObject() {
        String container = "/object-store/v1/" + SystemStack.DEMO_UUID + "/private-" + UUID.randomUUID();
        demo().put(container).then().statusCode(201);
        demo().contentType("text/plain").body("secret").put(container + "/note.txt").then().statusCode(201);
        String other = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.adminToken)
                .contentType("application/json")
                .body(java.util.Map.of("user", java.util.Map.of("username", "reader-" + UUID.randomUUID() + "@example.org")))
                .post("/identity/v2.0/users").then().statusCode(200).extract().jsonPath().getString("user.auth_token");
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", other).get(container + "/note.txt")
                .then().statusCode(403);
        given().baseUri(stack.gatewayUrl()).get(container + "/note.txt").then().statusCode(401);
    }

    private long usage() {
        return demo().get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath()
                .getLong("'" + SystemStack.DEMO_UUID + "'.'pithos.diskspace'.usage");
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }
}
