package org.nefos.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Object-sized bodies in both directions. The test JVM runs with a small heap (see the pom), so a
 * 300 MiB body only gets through if nobody on the way holds it.
 */
@QuarkusTest
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class GatewayStreamingTest {

    private static final long LARGE = 300 * GeneratedBytes.MIB;
    private static final long MEDIUM = 8 * GeneratedBytes.MIB;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = "nefos.gateway.identity-url")
    String upstreamUrl;

    TestClient client;
    UpstreamControl upstream;

    @BeforeEach
    void open() {
        client = new TestClient(vertx, gateway.getHost(), gateway.getPort());
        upstream = new UpstreamControl(upstreamUrl);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void theHeapIsSmallerThanTheLargeBodies() {
        assertTrue(Runtime.getRuntime().maxMemory() < LARGE,
                "run with -Xmx below " + LARGE + " bytes, or the large transfers prove nothing: "
                        + Runtime.getRuntime().maxMemory());
    }

    @Test
    void largeUploadWithContentLengthIsStreamedIntact() {
        String id = UUID.randomUUID().toString();
        TestClient.Reply reply = client.upload("/object-store/upload/" + id, LARGE, false, null);
        assertEquals(200, reply.status());
        JsonObject seen = reply.body().toJsonObject();
        assertEquals(LARGE, seen.getLong("bytes"));
        assertEquals(Long.toString(LARGE), seen.getString("contentLength"), "Content-Length is kept");
        assertNull(seen.getString("transferEncoding"), "a sized body is not re-chunked");
        assertEquals(GeneratedBytes.sha256(LARGE), seen.getString("sha256"));
    }

    @Test
    void largeDownloadKeepsContentLengthAndArrivesIntact() {
        TestClient.Download download = client.download("/object-store/download/" + LARGE, null);
        assertEquals(200, download.status());
        assertEquals(Long.toString(LARGE), download.headers().get("Content-Length"));
        assertNull(download.headers().get("Transfer-Encoding"));
        assertEquals(LARGE, download.bytes());
        assertEquals(GeneratedBytes.sha256(LARGE), download.sha256());
    }

    @Test
    void chunkedUploadArrivesChunkedAndIsForwardedAsItArrives() {
        String id = UUID.randomUUID().toString();
        TestClient.Reply reply = client.upload("/object-store/upload/" + id, MEDIUM, true,
                // the rest of the body is only sent once the first chunk has reached the upstream
                () -> TestClient.eventually(Duration.ofSeconds(30), () -> upstream.progress(id) >= GeneratedBytes.CHUNK));
        assertEquals(200, reply.status());
        JsonObject seen = reply.body().toJsonObject();
        assertEquals("chunked", seen.getString("transferEncoding"));
        assertNull(seen.getString("contentLength"));
        assertEquals(MEDIUM, seen.getLong("bytes"));
        assertEquals(GeneratedBytes.sha256(MEDIUM), seen.getString("sha256"));
    }

    @Test
    void chunkedDownloadIsRelayedChunkedAsItArrives() {
        String id = UUID.randomUUID().toString();
        AtomicBoolean released = new AtomicBoolean();
        // the upstream holds back everything after its first chunk until the client has received that chunk
        TestClient.Download download = client.download("/object-store/download/" + MEDIUM + "?chunked=1&stall=" + id,
                received -> {
                    if (received >= GeneratedBytes.CHUNK && released.compareAndSet(false, true)) {
                        CompletableFuture.runAsync(() -> upstream.release(id));
                    }
                });
        assertEquals(200, download.status());
        assertEquals("chunked", download.headers().get("Transfer-Encoding"));
        assertNull(download.headers().get("Content-Length"));
        assertEquals(MEDIUM, download.bytes());
        assertEquals(GeneratedBytes.sha256(MEDIUM), download.sha256());
    }

    @Test
    void chunkedUpstreamBodyReachesAnHttp10ClientDelimitedByClose() {
        long size = 100_000;
        String response = RawHttp.exchange(gateway.getPort(),
                "GET /object-store/download/" + size + "?chunked=1 HTTP/1.0", "Host: localhost");
        assertTrue(response.startsWith("HTTP/1.0 200 ") || response.startsWith("HTTP/1.1 200 "), response);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
        assertFalse(head.contains("transfer-encoding"), head);
        byte[] body = RawHttp.body(response).getBytes(StandardCharsets.ISO_8859_1);
        byte[] expected = new byte[(int) size];
        GeneratedBytes.fill(0, expected);
        assertArrayEquals(expected, body);
    }

    /**
     * A body the upstream sent in one piece leaves the gateway in one write: its last piece goes out together
     * with the end of the body (and here with the head), not as a separate segment the client wakes up for.
     */
    @Test
    void aSmallChunkedAnswerLeavesTheGatewayInOneSegment() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.getPort())) {
            socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            socket.setReceiveBufferSize(1 << 20);
            OutputStream out = socket.getOutputStream();
            String get = "GET /identity/small-chunked HTTP/1.1\r\nHost: localhost\r\n\r\n";
            for (int round = 0; round < 3; round++) {
                out.write(get.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                byte[] buffer = new byte[64 * 1024];
                int n = socket.getInputStream().read(buffer);
                String first = new String(buffer, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1);
                assertTrue(first.startsWith("HTTP/1.1 200 "), first);
                assertTrue(first.contains("small chunked body"), first);
                assertTrue(first.endsWith("\r\n0\r\n\r\n"), "the head, the chunk and the end arrive in one read: " + first);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "?chunked=1"})
    void upstreamDroppingTheConnectionMidBodyFailsTheClientResponse(String query) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> client.download("/object-store/truncate" + query, null));
        assertTrue(failure.getCause() != null, "the client must see a broken response, got " + failure);
        // and the gateway keeps serving
        assertEquals(200, client.get("/identity/echo").status());
    }

    @Test
    void http2ClientsAreProxiedToo() {
        try (TestClient h2 = new TestClient(vertx, gateway.getHost(), gateway.getPort(), HttpVersion.HTTP_2)) {
            TestClient.Reply echo = h2.get("/identity/echo/h2?q=%20");
            assertEquals(HttpVersion.HTTP_2, echo.version());
            assertEquals(200, echo.status());
            assertEquals("/identity/echo/h2?q=%20", Echo.of(echo.body()).uri());
            assertEquals(gateway.getHost() + ":" + gateway.getPort(), Echo.of(echo.body()).header("X-Forwarded-Host"));

            String id = UUID.randomUUID().toString();
            TestClient.Reply upload = h2.upload("/object-store/upload/" + id, MEDIUM, true, null);
            assertEquals(200, upload.status());
            JsonObject seen = upload.body().toJsonObject();
            assertEquals("chunked", seen.getString("transferEncoding"), "an unsized HTTP/2 body goes upstream chunked");
            assertEquals(GeneratedBytes.sha256(MEDIUM), seen.getString("sha256"));

            TestClient.Download download = h2.download("/object-store/download/" + MEDIUM, null);
            assertEquals(Long.toString(MEDIUM), download.headers().get("Content-Length"));
            assertEquals(GeneratedBytes.sha256(MEDIUM), download.sha256());
        }
    }

    @Test
    void uploadToAnUnreachableUpstreamAnswersBadGateway() {
        // network is a JSON route: a body within its 1 MiB limit, so only the unreachable upstream can refuse it
        TestClient.Reply reply = client.upload("/network/v2.0/blob", GeneratedBytes.MIB, true, null);
        assertEquals(502, reply.status());
        assertEquals("close", reply.header("Connection"), "the client is told to stop sending");
        assertEquals(502, reply.body().toJsonObject().getJsonObject("badGateway").getInteger("code"));
    }

    @Test
    void clientGoingAwayResetsTheUpstreamRequest() throws Exception {
        String id = UUID.randomUUID().toString();
        try (Socket socket = new Socket("127.0.0.1", gateway.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /identity/hang/" + id + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            assertTrue(TestClient.eventually(Duration.ofSeconds(30), () -> upstream.seen(id)));
        }
        long closedAt = System.nanoTime();
        // well before the gateway's own idle timeout could be the reason
        assertTrue(TestClient.eventually(UpstreamServer.IDLE_TIMEOUT.dividedBy(2), () -> upstream.aborted(id)),
                "upstream request still open after the client left");
        assertTrue(System.nanoTime() - closedAt < UpstreamServer.IDLE_TIMEOUT.toNanos());
    }
}
