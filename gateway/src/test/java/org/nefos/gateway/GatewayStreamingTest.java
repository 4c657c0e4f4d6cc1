package org.nefos.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
