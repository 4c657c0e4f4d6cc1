package org.nefos.gateway.streaming;

import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.nefos.gateway.config.GatewayConfig;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.Service;
import org.nefos.gateway.routing.Upstream;
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

    @Inject
    public StreamingProxy(Vertx vertx, PrefixRoutes routes, GatewayConfig config) {
        this.vertx = vertx;
        this.routes = routes;
        this.connectTimeoutMs = Math.max(1, config.connectTimeout().toMillis());
        this.idleTimeoutMs = Math.max(1, config.idleTimeout().toMillis());
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(config.poolSize())
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setMaxHeaderSize(64 * 1024)
                .setMaxInitialLineLength(16 * 1024));
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this);
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
        String requestId = ProxyHeaders.requestId(request.getHeader(ProxyHeaders.X_REQUEST_ID));
        if (ProxyHeaders.asksToClose(request)) {
            // Vert.x only honours a Connection header that is exactly "close", not "close, X-Foo"
            ctx.addHeadersEndHandler(v -> ctx.response().putHeader(HttpHeaders.CONNECTION, "close"));
            ctx.addEndHandler(v -> request.connection().close());
        }
        Optional<Service> service = routes.service(segment);
        if (service.isEmpty()) {
            writeFault(ctx.response(), FaultException.notFound("No service is mounted at this path"), requestId);
            return;
        }
        Optional<Upstream> upstream = routes.upstream(service.get());
        if (upstream.isEmpty()) {
            writeFault(ctx.response(), new FaultException(Fault.SERVICE_UNAVAILABLE,
                    service.get().displayName() + " is not configured on this gateway"), requestId);
            return;
        }
        new ProxyExchange(vertx, client, connectTimeoutMs, idleTimeoutMs, request, upstream.get(), requestId)
                .start();
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
