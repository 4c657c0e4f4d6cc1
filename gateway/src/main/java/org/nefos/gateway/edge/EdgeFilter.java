package org.nefos.gateway.edge;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.nefos.gateway.config.GatewayConfig;
import org.nefos.gateway.occi.OcciConfig;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.platform.auth.TokenCache;
import org.nefos.platform.auth.Tokens;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;
import org.nefos.platform.logging.RequestIds;

/**
 * The edge concerns every public request gets once, whichever front end then serves it (the streaming proxy,
 * OCCI, the event stream, the API documents): a request id (the client's when it is sane, else a new one) in
 * the response and, for the front ends, in {@link #requestId(RoutingContext)}; one access line; CORS for the
 * configured origins (preflights answered here); the per-token rate limit; and {@code Connection: close}
 * honoured however it is spelled. {@code /q/...} (health, metrics) is left alone: probes are neither logged
 * nor limited.
 */
@ApplicationScoped
public class EdgeFilter implements Handler<RoutingContext> {

    /** Ahead of every front end's route (theirs are at {@code ROUTE_ORDER_BEFORE_DEFAULT - 10} and later). */
    public static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 20;
    public static final String X_REQUEST_ID = RequestIds.HEADER;
    /** Where the request id is kept: on the routing context and on the request's (duplicated) Vert.x context. */
    public static final String REQUEST_ID_KEY = "nefos.request-id";

    private final Vertx vertx;
    private final PrefixRoutes routes;
    private final Cors cors;
    private final RateLimiter rateLimiter;
    private final String occiSegment;
    private AccessLog accessLog;

    @Inject
    public EdgeFilter(Vertx vertx, PrefixRoutes routes, GatewayConfig config, OcciConfig occi) {
        this.vertx = vertx;
        this.routes = routes;
        this.cors = new Cors(config.cors().origins().orElse(List.of()), config.cors().maxAge());
        GatewayConfig.RateLimit limits = config.rateLimit();
        this.rateLimiter = limits.enabled()
                ? new RateLimiter(limits.rate(), limits.burst(), limits.maxBuckets(), System::nanoTime)
                : null;
        this.occiSegment = occi.enabled() ? PrefixRoutes.firstSegment(occi.path().startsWith("/") ? occi.path()
                : "/" + occi.path()) : null;
    }

    @PostConstruct
    void openAccessLog() {
        accessLog = new AccessLog(AccessLog.DEFAULT_CAPACITY);
    }

    @PreDestroy
    void closeAccessLog() {
        accessLog.close();
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this);
        if (rateLimiter != null) {
            vertx.setPeriodic(60_000, id -> rateLimiter.evictIdle(System.nanoTime()));
        }
    }

    /** The request id {@link EdgeFilter} gave this request. */
    public static String requestId(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID_KEY);
        return id != null ? id : RequestIds.accepted(ctx.request().getHeader(X_REQUEST_ID));
    }

    /**
     * The request id of the request being served on the current Vert.x context, for calls a front end makes to
     * the services on the caller's behalf; {@code null} outside a request.
     */
    public static String currentRequestId() {
        Context context = Vertx.currentContext();
        return context == null ? null : context.getLocal(REQUEST_ID_KEY);
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
        String requestId = RequestIds.accepted(request.getHeader(X_REQUEST_ID));
        ctx.put(REQUEST_ID_KEY, requestId);
        RequestIds.enter(requestId);   // the gateway's own log lines for this request carry it too
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(REQUEST_ID_KEY, requestId);
        }
        HttpServerResponse response = ctx.response();
        response.putHeader(X_REQUEST_ID, requestId);
        String logSegment = known(segment) ? segment : "?";
        ctx.addEndHandler(ar -> accessLog.log(AccessLog.line(request.method().name(), logSegment,
                response.getStatusCode(), ar.succeeded() && response.ended(), response.bytesWritten(),
                (System.nanoTime() - startNanos) / 1_000_000, requestId)));
        if (asksToClose(request)) {
            // Vert.x only honours a Connection header that is exactly "close", not "close, X-Foo"
            ctx.addHeadersEndHandler(v -> response.putHeader(HttpHeaders.CONNECTION, "close"));
            ctx.addEndHandler(v -> request.connection().close());
        }
        String origin = request.getHeader("Origin");
        if (cors.allows(origin)) {
            if (request.method() == HttpMethod.OPTIONS && request.getHeader("Access-Control-Request-Method") != null) {
                cors.preflight(origin, request.getHeader("Access-Control-Request-Headers"), response.headers());
                response.setStatusCode(204);
                reject(request);
                response.end();
                return;
            }
            ctx.addHeadersEndHandler(v -> cors.response(origin, response.headers()));
        }
        if (rateLimiter != null) {
            String token = Tokens.fromRequest(request);
            long wait = rateLimiter.acquire(token != null ? "t:" + TokenCache.digest(token)
                    : "a:" + (request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress()));
            if (wait > 0) {
                reject(request);
                writeFault(response, new FaultException(Fault.TOO_MANY_REQUESTS,
                        "Rate limit exceeded; retry in " + wait + " s")
                        .withHeader("Retry-After", Long.toString(wait)), requestId);
                return;
            }
        }
        ctx.next();
    }

    /** A first path segment some front end serves (unknown ones are logged as {@code ?}: they may be anything). */
    private boolean known(String segment) {
        return routes.service(segment).isPresent() || segment.equals("events") || segment.equals(occiSegment)
                || segment.startsWith("openapi") || segment.equals("api-docs");
    }

    /** An HTTP/1.1 client that listed {@code close} among other Connection tokens. */
    static boolean asksToClose(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_1_1) {
            return false;
        }
        List<String> connection = request.headers().getAll(HttpHeaders.CONNECTION);
        if (connection.isEmpty() || connection.size() == 1 && connection.get(0).trim().equalsIgnoreCase("close")) {
            return false;
        }
        for (String value : connection) {
            for (String token : value.split(",")) {
                if (token.trim().toLowerCase(Locale.ROOT).equals("close")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The request is answered here: a body that is still coming is dropped and the connection closed
     * after the answer (over HTTP/1.1 the client is told with {@code Connection: close}).
     */
    public static void reject(HttpServerRequest request) {
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

    /** -1 when the request declares no (valid) Content-Length. */
    public static long declaredLength(HttpServerRequest request) {
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

    private static boolean hasBody(HttpServerRequest request) {
        return declaredLength(request) > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** Writes a Synnefo fault body, unless the response has already gone out. */
    public static void writeFault(HttpServerResponse response, FaultException fault, String requestId) {
        if (response.headWritten() || response.ended() || response.closed()) {
            io.quarkus.logging.Log.debugf("cannot answer %d, response already started", fault.status());
            return;
        }
        response.setStatusCode(fault.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Faults.JSON_UTF8)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, must-revalidate, max-age=0")
                .putHeader(X_REQUEST_ID, requestId);
        fault.headers().forEach(response::putHeader);
        response.end(Faults.toJson(fault));
    }
}
