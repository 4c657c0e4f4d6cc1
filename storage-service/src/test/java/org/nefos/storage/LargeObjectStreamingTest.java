package org.nefos.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import io.quarkus.logging.Log;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.nefos.testing.GeneratedBody;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * Bounded memory: an object several times larger than the test JVM's heap (surefire runs it, service
 * included, with {@code -Xmx256m}) is generated on the fly, uploaded as one plain PUT, downloaded again,
 * and compared by SHA-256 end to end; an upload cut off mid-body leaves nothing visible and charges nothing.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "component", value = "pithos"))
class LargeObjectStreamingTest {

    /** 1 GiB by default: four times the heap. Override with -Dnefos.test.large-object-bytes. */
    static final long SIZE = Long.getLong("nefos.test.large-object-bytes", 1L << 30);

    @TestHTTPResource("/")
    URI root;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    URI uri(String path) {
        return root.resolve(path);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void createContainer(TestUser u, String c) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("object-store/v1/" + u.uuid() + "/" + c))
                .header("X-Auth-Token", u.token()).PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, r.statusCode(), r.body());
    }

    @Test
    void objectFourTimesTheHeapStreamsUpAndDownWithSha256Intact() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assertTrue(SIZE >= 3 * maxHeap || SIZE < (1L << 30),
                "the object (" + SIZE + " B) must be several times the heap (" + maxHeap + " B)");
        TestUser u = ServiceStackResource.identity().createUser();
        createContainer(u, "big");
        URI object = uri("object-store/v1/" + u.uuid() + "/big/huge.bin");

        GeneratedBody body = new GeneratedBody(SIZE);
        long t0 = System.nanoTime();
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(object).timeout(Duration.ofMinutes(20))
                .header("X-Auth-Token", u.token()).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body),
                        SIZE))
                .build(), HttpResponse.BodyHandlers.ofString());
        double upSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(201, put.statusCode(), put.body());
        String sentSha = HexFormat.of().formatHex(body.sha256.digest());
        String sentMd5 = HexFormat.of().formatHex(body.md5.digest());
        assertEquals(sentMd5, put.headers().firstValue("ETag").orElse(""), "ETag is the MD5 of the stream");

        HttpResponse<String> head = send(HttpRequest.newBuilder(object).header("X-Auth-Token", u.token())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals(Long.toString(SIZE), head.headers().firstValue("Content-Length").orElse(""));

        long t1 = System.nanoTime();
        HttpResponse<InputStream> get = http.send(HttpRequest.newBuilder(object).timeout(Duration.ofMinutes(20))
                .header("X-Auth-Token", u.token()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, get.statusCode());
        GeneratedBody.Received received = GeneratedBody.consume(get.body());
        double downSeconds = (System.nanoTime() - t1) / 1e9;
        assertEquals(SIZE, received.bytes());
        assertEquals(sentSha, received.sha256(), "SHA-256 end to end");
        Log.infof("large object %d MiB with heap %d MiB: upload %.1f MB/s (%.1f s), download %.1f MB/s (%.1f s)",
                SIZE >> 20, maxHeap >> 20, SIZE / 1e6 / upSeconds, upSeconds, SIZE / 1e6 / downSeconds,
                downSeconds);

        HttpResponse<String> del = send(HttpRequest.newBuilder(object).header("X-Auth-Token", u.token()).DELETE());
        assertEquals(204, del.statusCode());
    }

    @Test
    void uploadCutOffMidBodyLeavesNoObjectAndNoUsage() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        createContainer(u, "cut");
        String path = "/object-store/v1/" + u.uuid() + "/cut/partial.bin";
        long declared = 64L << 20;
        byte[] piece = new byte[1 << 20];
        new Random(7).nextBytes(piece);
        try (Socket s = new Socket(root.getHost(), root.getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("PUT " + path + " HTTP/1.1\r\nHost: " + root.getHost() + "\r\nX-Auth-Token: " + u.token()
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 20; i++) { // 20 MiB of 64: five full blocks reach the store, then the client dies
                out.write(piece);
            }
            out.flush();
        }
        URI object = uri(path.substring(1));
        URI container = uri("object-store/v1/" + u.uuid() + "/cut");
        HttpResponse<String> head = send(HttpRequest.newBuilder(object).header("X-Auth-Token", u.token())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(404, head.statusCode(), "a cut-off upload must never become visible");
        assertTrue(writableAgain(u, object), "the container stays writable after the aborted upload");
        HttpResponse<String> listing = send(HttpRequest.newBuilder(URI.create(container + "?format=json"))
                .header("X-Auth-Token", u.token()).GET());
        assertEquals(200, listing.statusCode());
        assertTrue(listing.body().contains("\"name\":\"probe\""), listing.body());
        assertTrue(!listing.body().contains("partial.bin"), listing.body());
        HttpResponse<String> stats = send(HttpRequest.newBuilder(container).header("X-Auth-Token", u.token())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals("1", stats.headers().firstValue("X-Container-Bytes-Used").orElse(""),
                "only the 1-byte probe is counted");
        assertEquals("1", stats.headers().firstValue("X-Container-Object-Count").orElse(""));
        assertEquals(1L, IdentityUsage.diskspace(ServiceStackResource.identity(), u),
                "identity charges only the probe's byte");
    }

    /** Writes a 1-byte sibling object: succeeds once the container is not held by the aborted upload. */
    private boolean writableAgain(TestUser u, URI object) throws IOException, InterruptedException {
        URI probe = object.resolve("probe");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(10))
                .header("X-Auth-Token", u.token()).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString("p")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 201;
    }

}
