package org.nefos.gateway.streaming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.nefos.gateway.config.GatewayConfig;
import org.nefos.gateway.edge.AccessLog;
import org.nefos.gateway.edge.Cors;
import org.nefos.gateway.edge.EdgeAuth;
import org.nefos.gateway.edge.RateLimiter;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.Service;
import org.nefos.gateway.routing.Upstream;
import org.nefos.platform.auth.Tokens;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;

/**
 * The gateway's one route: every request whose first path segment is a public prefix is streamed
 * to the owning service; {@code /q/...} stays with Quarkus (health); anything else is a 404 fault.
 */
@ApplicationScoped
public class StreamingProxy implements Handler<RoutingContext> {

    /** After Quarkus' own handlers (access log, CORS, upload limit), before any default-order route. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;

    private final Vertx vertx;
    private final PrefixRoutes routes;
    private final HttpClient client;
    private final long connectTimeoutMs;
    private final long idleTimeoutMs;

    private final EdgeAuth auth;
    private final RateLimiter rateLimiter;
    private final Cors cors;
    private final long maxJsonBody;

    @Inject
    public StreamingProxy(Vertx vertx, PrefixRoutes routes, GatewayConfig config, EdgeAuth auth) {
        this.vertx = vertx;
        this.routes = routes;
        this.auth = auth;
        this.connectTimeoutMs = Math.max(1, config.connectTimeout().toMillis());
        this.idleTimeoutMs = Math.max(1, config.idleTimeout().toMillis());
        this.maxJsonBody = config.maxJsonBody().asLongValue();
        this.cors = new Cors(config.cors().origins().orElse(List.of()), config.cors().maxAge());
        GatewayConfig.RateLimit limits = config.rateLimit();
        this.rateLimiter = limits.enabled()
                ? new RateLimiter(limits.rate(), limits.burst(), limits.maxBuckets(), System::nanoTime)
                : null;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(config.poolSize())
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setMaxHeaderSize(64 * 1024)
                .setMaxInitialLineLength(16 * 1024)
                // object bodies: 64 KiB pieces (Netty's default 8 KiB costs a handler call and a write per 8 KiB)
                .setMaxChunkSize(ProxyExchange.CHUNK));
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this);
        if (rateLimiter != null) {
            vertx.setPeriodic(60_000, id -> rateLimiter.evictIdle(System.nanoTime()));
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String segment = PrefixRoutes.firstSegment(request.path());
        if (segment.equals("q")) {
            ctx.next();
            return;
        }
        long startNanos = System.nanoTime();
        String requestId = ProxyHeaders.requestId(request.getHeader(ProxyHeaders.X_REQUEST_ID));
        Optional<Service> service = routes.service(segment);
        String logSegment = service.isPresent() ? segment : "?";
        HttpServerResponse response = ctx.response();
        ctx.addEndHandler(ar -> AccessLog.log(AccessLog.line(request.method().name(), logSegment,
                response.getStatusCode(), ar.succeeded() && response.ended(), response.bytesWritten(),
                (System.nanoTime() - startNanos) / 1_000_000, requestId)));
        if (ProxyHeaders.asksToClose(request)) {
            // Vert.x only honours a Connection header that is exactly "close", not "close, X-Foo"
            ctx.addHeadersEndHandler(v -> ctx.response().putHeader(HttpHeaders.CONNECTION, "close"));
            ctx.addEndHandler(v -> request.connection().close());
        }
        String origin = request.getHeader("Origin");
        if (cors.allows(origin)) {
            if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
                cors.preflight(origin, request.getHeader("Access-Control-Request-Headers"), response.headers());
                response.putHeader(ProxyHeaders.X_REQUEST_ID, requestId).setStatusCode(204);
                reject(request);
                response.end();
                return;
            }
            ctx.addHeadersEndHandler(v -> cors.response(origin, response.headers()));
        }
        if (service.isEmpty()) {
            reject(request);
            writeFault(response, FaultException.notFound("No service is mounted at this path"), requestId);
            return;
        }
        Optional<Upstream> upstream = routes.upstream(service.get());
        if (upstream.isEmpty()) {
            reject(request);
            writeFault(response, new FaultException(Fault.SERVICE_UNAVAILABLE,
                    service.get().displayName() + " is not configured on this gateway"), requestId);
            return;
        }
        String token = Tokens.fromRequest(request);
        if (rateLimiter != null) {
            long wait = rateLimiter.acquire(token != null ? "t:" + digest(token)
                    : "a:" + (request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress()));
            if (wait > 0) {
                reject(request);
                writeFault(response, new FaultException(Fault.TOO_MANY_REQUESTS,
                        "Rate limit exceeded; retry in " + wait + " s")
                        .withHeader("Retry-After", Long.toString(wait)), requestId);
                return;
            }
        }
        long maxBody = service.get() == Service.STORAGE ? -1 : maxJsonBody;
        if (maxBody >= 0 && declaredLength(request) > maxBody) {
            reject(request);
            writeFault(response, tooLarge(maxBody), requestId);
            return;
        }
        // most requests carry a token verified moments ago: no need for a Uni, a pause and a resume
        if (token == null || !auth.checks(segment, request.path()) || auth.recentlyVerified(token)) {
            proxy(request, upstream.get(), requestId, maxBody);
            return;
        }
        request.pause();
        Context context = vertx.getOrCreateContext();
        auth.verify(token).subscribe().with(
                principal -> onContext(context, () -> proxy(request, upstream.get(), requestId, maxBody)),
                failure -> onContext(context, () -> {
                    reject(request);
                    writeFault(response, failure instanceof FaultException f ? f
                            : new FaultException(Fault.SERVICE_UNAVAILABLE, "Identity service unavailable"), requestId);
                }));
    }

    private void proxy(HttpServerRequest request, Upstream upstream, String requestId, long maxBody) {
        if (request.response().closed()) {
            return;
        }
        new ProxyExchange(vertx, client, connectTimeoutMs, idleTimeoutMs, request, upstream, requestId, maxBody)
                .start();
    }

    private static void onContext(Context context, Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** -1 when the request declares no (valid) Content-Length. */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The request is answered here: a body that is still coming is dropped and the connection closed
     * after the answer (over HTTP/1.1 the client is told with {@code Connection: close}).
     */
    private static void reject(HttpServerRequest request) {
        if (request.isEnded()) {
            return;
        }
        boolean close = request.version() != HttpVersion.HTTP_2 && hasBody(request);
        if (close) {
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        request.handler(chunk -> {
        });
        request.endHandler(v -> {
            if (close) {
                request.connection().close();
            }
        });
        request.resume();
    }

    private static boolean hasBody(HttpServerRequest request) {
        return declaredLength(request) > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    static FaultException tooLarge(long maxBody) {
        return new FaultException(Fault.REQUEST_ENTITY_TOO_LARGE,
                "Request body larger than " + maxBody + " bytes");
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a Synnefo fault body, unless the response has already gone out. */
    static void writeFault(HttpServerResponse response, FaultException fault, String requestId) {
        if (response.headWritten() || response.ended() || response.closed()) {
            Log.debugf("cannot answer %d, response already started", fault.status());
            return;
        }
        response.setStatusCode(fault.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Faults.JSON_UTF8)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, must-revalidate, max-age=0")
                .putHeader(ProxyHeaders.X_REQUEST_ID, requestId);
        fault.headers().forEach(response::putHeader);
        response.end(Faults.toJson(fault));
    }
}
