package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nefos.testing.GeneratedBody;

/**
 * Bounded memory end to end: a 2 GiB object, generated on the fly, goes up through the gateway into
 * storage-service and comes back, both packaged jars running with {@code -Xmx128m}, and its SHA-256 is
 * the same on both ends. The object is deleted and purged afterwards (its blocks stay until the block
 * collector's grace period has passed; the stack deletes the block directory when it stops).
 */
@ExtendWith(SystemStackExtension.class)
class LargeObjectThroughGatewayIT {

    /** 2 GiB by default; -Dnefos.test.large-object-bytes overrides it. */
    static final long SIZE = Long.getLong("nefos.test.large-object-bytes", 2L << 30);

    private final SystemStack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    LargeObjectThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    @Test
    void twoGibibytesStreamUpAndDownThroughTheGatewayAt128MbHeapsWithSha256Intact() throws Exception {
        assertEquals(java.util.List.of("-Xmx128m"), SystemStack.jvmOptions("storage-service"));
        assertEquals(java.util.List.of("-Xmx128m"), SystemStack.jvmOptions("gateway"));
        String container = "/object-store/v1/" + SystemStack.DEMO_UUID + "/large-" + UUID.randomUUID();
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken).put(container).then()
                .statusCode(201);
        URI object = URI.create(stack.gatewayUrl() + container + "/two-gib.bin");

        GeneratedBody body = new GeneratedBody(SIZE);
        long t0 = System.nanoTime();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(object).timeout(Duration.ofMinutes(20))
                .header("X-Auth-Token", stack.demoToken).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                        SIZE)).build(), HttpResponse.BodyHandlers.ofString());
        double up = (System.nanoTime() - t0) / 1e9;
        assertEquals(201, put.statusCode(), put.body());
        String sentSha = HexFormat.of().formatHex(body.sha256.digest());
        assertEquals(HexFormat.of().formatHex(body.md5.digest()), put.headers().firstValue("ETag").orElse(""),
                "the ETag is the MD5 of the stream");

        long t1 = System.nanoTime();
        HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(object).timeout(Duration.ofMinutes(20))
                .header("X-Auth-Token", stack.demoToken).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, get.statusCode());
        assertEquals(Long.toString(SIZE), get.headers().firstValue("Content-Length").orElse(""));
        GeneratedBody.Received received = GeneratedBody.consume(get.body());
        double down = (System.nanoTime() - t1) / 1e9;
        assertEquals(SIZE, received.bytes());
        assertEquals(sentSha, received.sha256(), "SHA-256 end to end");
        System.out.printf("2 GiB through the gateway at -Xmx128m: upload %.1f MB/s, download %.1f MB/s%n",
                SIZE / 1e6 / up, SIZE / 1e6 / down);

        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken).delete(container + "/two-gib.bin")
                .then().statusCode(204);
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken)
                .delete(container + "/two-gib.bin?until=" + (System.currentTimeMillis() / 1000 + 1)).then()
                .statusCode(204);
        assertTrue(given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken).head(container)
                .then().extract().statusCode() == 204);
    }
}
