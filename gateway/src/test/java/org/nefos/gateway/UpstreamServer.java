package org.nefos.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP server standing in for the services behind the gateway. It answers on every path;
 * the segment after the public prefix picks the behaviour ({@code /identity/echo/...},
 * {@code /object-store/upload/<id>}, ...). {@code /_control/...} is for the tests only and is
 * called directly, not through the gateway.
 *
 * <p>Wiring: identity points here, storage and image too but under the base paths {@code /store}
 * and {@code /img} (so a test can tell who got a request), network points at a port nothing
 * listens on, compute stays unset.
 */
public class UpstreamServer implements QuarkusTestResourceLifecycleManager {

    /** The gateway's idle timeout in tests: long enough for nothing else to hit it. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);

    private Vertx vertx;
    private final Map<String, AtomicLong> progress = new ConcurrentHashMap<>();
    private final Map<String, Promise<Void>> releases = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<String> aborted = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> verifications = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setMaxInitialLineLength(16384))
                .requestHandler(this::handle);
        int port;
        try {
            port = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("upstream did not start", e);
        }
        String base = "http://127.0.0.1:" + port;
        return Map.of(
                "nefos.gateway.identity-url", base,
                "nefos.gateway.storage-url", base + "/store/",
                "nefos.gateway.image-url", base + "/img",
                "nefos.gateway.network-url", "http://127.0.0.1:" + closedPort(),
                "nefos.gateway.idle-timeout", IDLE_TIMEOUT.toMillis() + "ms");
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /** A port that was free a moment ago and that nobody listens on. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpServerRequest request) {
        List<String> segments = Arrays.stream(request.path().split("/")).filter(s -> !s.isEmpty()).toList();
        if (!segments.isEmpty() && (segments.get(0).equals("store") || segments.get(0).equals("img"))) {
            segments = segments.subList(1, segments.size());
        }
        if (!segments.isEmpty() && segments.get(0).equals("_control")) {
            control(request, segments);
            return;
        }
        if (segments.size() == 3 && segments.get(0).equals("identity") && segments.get(1).equals("v2.0")
                && segments.get(2).equals("tokens") && request.method() == HttpMethod.POST) {
            tokens(request);
            return;
        }
        String action = segments.size() > 1 ? segments.get(1) : "echo";
        String arg = segments.size() > 2 ? segments.get(2) : "";
        switch (action) {
            case "status" -> status(request, Integer.parseInt(arg));
            case "upload" -> upload(request, arg);
            case "download" -> download(request, Long.parseLong(arg));
            case "truncate" -> truncate(request);
            case "hang" -> hang(request, arg);
            // a small chunked answer written at once: head, one chunk and the terminator in one segment
            case "small-chunked" -> request.response().setChunked(true).end("small chunked body");
            default -> echo(request);
        }
    }

    /**
     * Identity's token check: {@code good-<x>} is user {@code user-<x>}, {@code down-<x>} makes
     * identity answer 503, anything else is refused with 401. Each check is counted per token.
     */
    private void tokens(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String token = body.toJsonObject().getJsonObject("auth").getJsonObject("token").getString("id");
            verifications.computeIfAbsent(token, k -> new AtomicLong()).incrementAndGet();
            HttpServerResponse response = request.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
            if (token.startsWith("good-")) {
                String user = "user-" + token.substring("good-".length());
                response.end(new JsonObject().put("access", new JsonObject()
                        .put("token", new JsonObject().put("id", token)
                                .put("expires", java.time.OffsetDateTime.now().plusHours(1).toString())
                                .put("tenant", new JsonObject().put("id", user).put("name", user)))
                        .put("user", new JsonObject().put("id", user).put("name", user)
                                .put("projects", new JsonArray().add(user))
                                .put("roles", new JsonArray().add(new JsonObject().put("name", "member")))))
                        .encode());
            } else if (token.startsWith("down-")) {
                response.setStatusCode(503).end("{\"serviceUnavailable\":{\"code\":503,\"message\":\"down\",\"details\":\"\"}}");
            } else {
                response.setStatusCode(401).end("{\"unauthorized\":{\"code\":401,\"message\":\"Invalid token\",\"details\":\"\"}}");
            }
        });
    }

    /** What arrived, as JSON: method, raw URI, every header line in order, body size. */
    private void echo(HttpServerRequest request) {
        JsonArray headers = new JsonArray();
        request.headers().forEach(h -> headers.add(new JsonArray().add(h.getKey()).add(h.getValue())));
        request.body().onSuccess(body -> request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject()
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("peerPort", request.remoteAddress().port())
                        .put("headers", headers)
                        .put("bodyBytes", body.length())
                        .encode()));
    }

    /** The given status with a custom reason, multi-valued and hop-by-hop headers, and a body where allowed. */
    private void status(HttpServerRequest request, int code) {
        HttpServerResponse response = request.response()
                .setStatusCode(code)
                .setStatusMessage("Nefos Custom Reason")
                .putHeader("X-Multi", List.<String>of("one", "two"))
                .putHeader("Set-Cookie", List.<String>of("a=1; Path=/", "b=2; Path=/"))
                .putHeader("X-Request-Id", "upstream-chose-this")
                .putHeader("Connection", "X-Upstream-Hop")
                .putHeader("X-Upstream-Hop", "must not leak")
                .putHeader("Keep-Alive", "timeout=5")
                .putHeader("Proxy-Authenticate", "Basic realm=\"upstream\"")
                .putHeader("Upgrade", "example/1")
                .putHeader("ETag", "\"v1\"");
        boolean bodiless = code == 204 || code == 304;
        if (request.method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, "11").end();
        } else if (bodiless) {
            response.end();
        } else {
            response.end("status body");
        }
    }

    /** Hashes the body as it arrives; answers the hash, the byte count and how the body was framed. */
    private void upload(HttpServerRequest request, String id) {
        MessageDigest digest = GeneratedBytes.newDigest();
        AtomicLong received = progress.computeIfAbsent(id, k -> new AtomicLong());
        request.handler(chunk -> {
            digest.update(chunk.getBytes());
            received.addAndGet(chunk.length());
        });
        request.endHandler(v -> request.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject()
                        .put("sha256", GeneratedBytes.hex(digest))
                        .put("bytes", received.get())
                        .put("contentLength", request.getHeader(HttpHeaders.CONTENT_LENGTH))
                        .put("transferEncoding", request.getHeader(HttpHeaders.TRANSFER_ENCODING))
                        .encode()));
    }

    /**
     * Streams {@code size} generated bytes with back-pressure; {@code ?chunked=1} omits Content-Length,
     * {@code ?stall=<id>} sends the first chunk and waits for {@code /_control/release/<id>}.
     */
    private void download(HttpServerRequest request, long size) {
        HttpServerResponse response = request.response();
        if ("1".equals(request.getParam("chunked"))) {
            response.setChunked(true);
        } else {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(size));
        }
        String stall = request.getParam("stall");
        if (stall != null) {
            response.write(Buffer.buffer(GeneratedBytes.chunk(0, size)));
            releases.computeIfAbsent(stall, k -> Promise.promise()).future()
                    .onSuccess(v -> writeFrom(response, GeneratedBytes.CHUNK, size));
        } else {
            writeFrom(response, 0, size);
        }
    }

    private void writeFrom(HttpServerResponse response, long offset, long size) {
        long position = offset;
        while (position < size && !response.writeQueueFull()) {
            byte[] chunk = GeneratedBytes.chunk(position, size);
            response.write(Buffer.buffer(chunk));
            position += chunk.length;
        }
        if (position >= size) {
            response.end();
        } else {
            long next = position;
            response.drainHandler(v -> writeFrom(response, next, size));
        }
    }

    /** Promises 1 MiB (or chunks, with {@code ?chunked=1}), sends 64 KiB, then drops the connection. */
    private void truncate(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if ("1".equals(request.getParam("chunked"))) {
            response.setChunked(true);
        } else {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(GeneratedBytes.MIB));
        }
        response.write(Buffer.buffer(GeneratedBytes.chunk(0, GeneratedBytes.MIB)))
                .onComplete(v -> request.connection().close());
    }

    /** Never answers; remembers that the request arrived and whether the gateway dropped it. */
    private void hang(HttpServerRequest request, String id) {
        seen.add(id);
        request.connection().closeHandler(v -> aborted.add(id));
    }

    private void control(HttpServerRequest request, List<String> segments) {
        String what = segments.size() > 1 ? segments.get(1) : "";
        String id = segments.size() > 2 ? segments.get(2) : "";
        HttpServerResponse response = request.response();
        switch (what) {
            case "progress" -> response.end(Long.toString(progress.getOrDefault(id, new AtomicLong()).get()));
            case "release" -> {
                releases.computeIfAbsent(id, k -> Promise.promise()).tryComplete();
                response.end("released");
            }
            case "seen" -> response.end(Boolean.toString(seen.contains(id)));
            case "aborted" -> response.end(Boolean.toString(aborted.contains(id)));
            case "verified" -> response.end(Long.toString(verifications.getOrDefault(id, new AtomicLong()).get()));
            default -> response.setStatusCode(404).end();
        }
    }
}
