package org.nefos.gateway.streaming;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.nefos.gateway.config.GatewayConfig;
import org.nefos.gateway.edge.EdgeAuth;
import org.nefos.gateway.edge.EdgeFilter;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.Service;
import org.nefos.gateway.routing.Upstream;
import org.nefos.platform.auth.Tokens;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/**
 * The gateway's catch-all route: every request whose first path segment is a public prefix is streamed
 * to the owning service (after {@link EdgeFilter} and the edge token check); {@code /q/...} stays with
 * Quarkus (health, metrics); anything else is a 404 fault.
 */
@ApplicationScoped
public class StreamingProxy implements Handler<RoutingContext> {

    /** After Quarkus' own handlers (access log, CORS, upload limit), before any default-order route. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;

    private final Vertx vertx;
    private final PrefixRoutes routes;
    private final HttpClientOptions clientOptions;
    /**
     * One client per event-loop thread: a client's pooled upstream connections then live on the loop that
     * serves the inbound connection, so an exchange runs on one thread from the first byte to the last. With
     * a single shared client a request on loop A often borrowed a connection owned by loop B, and every
     * upstream event crossed threads (a queue hand-off and a wake-up each way).
     */
    private final Map<Thread, HttpClient> clients = new ConcurrentHashMap<>();
    private final long connectTimeoutMs;
    private final long idleTimeoutMs;

    private final EdgeAuth auth;
    private final long maxJsonBody;

    @Inject
    public StreamingProxy(Vertx vertx, PrefixRoutes routes, GatewayConfig config, EdgeAuth auth) {
        this.vertx = vertx;
        this.routes = routes;
        this.auth = auth;
        this.connectTimeoutMs = Math.max(1, config.connectTimeout().toMillis());
        this.idleTimeoutMs = Math.max(1, config.idleTimeout().toMillis());
        this.maxJsonBody = config.maxJsonBody().asLongValue();
        this.clientOptions = new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(config.poolSize())
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
                .setDecompressionSupported(false)
                .setTryUseCompression(false)
                .setMaxHeaderSize(64 * 1024)
                .setMaxInitialLineLength(16 * 1024)
                // object bodies: 64 KiB pieces (Netty's default 8 KiB costs a handler call and a write per 8 KiB)
                .setMaxChunkSize(ProxyExchange.READ_MAX);
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this);
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
    }

    /** The calling event loop's client (created on first use). */
    private HttpClient client() {
        return clients.computeIfAbsent(Thread.currentThread(), t -> vertx.httpClientBuilder().with(clientOptions)
                .withConnectHandler(StreamingProxy::largeReads).build());
    }

    /** Shared by all upstream connections (each gets its own handle from it, as with Netty's default). */
    private static final AdaptiveRecvByteBufAllocator LARGE_READS =
            new AdaptiveRecvByteBufAllocator(64, 16 * 1024, ProxyExchange.READ_MAX);

    /** Reads are at most {@link ProxyExchange#READ_MAX}; a held write is below HOLD_MAX plus one such piece. */
    static final int LARGEST_PROXY_BUFFER = ProxyExchange.HOLD_MAX + ProxyExchange.READ_MAX;

    /**
     * The direct buffers of both connections of an exchange: what the upstream connection reads, and the copies
     * Netty makes of the held pieces written to either side (Vert.x hands bodies over as heap buffers). The
     * process-wide pools have 64 KiB chunks (Quarkus sets {@code io.netty.allocator.maxOrder=3}), and Netty
     * allocates anything larger than a chunk outside the pool, and a chunk itself again whenever the last buffer
     * in it is released: a 64 KiB+ read or write then costs a fresh direct buffer, zeroed, then freed (5 % of the
     * gateway's CPU when proxying servers/detail, profiled). This pool's chunks hold the largest buffer of an
     * exchange ({@link #LARGEST_PROXY_BUFFER}); it has as many arenas as Netty's default pool, so each event loop
     * keeps its own.
     */
    static final PooledByteBufAllocator PROXY_BUFFERS = proxyPool();

    /** Netty's default pool settings, but chunks that hold {@link #LARGEST_PROXY_BUFFER}. */
    private static PooledByteBufAllocator proxyPool() {
        int pageSize = PooledByteBufAllocator.defaultPageSize();
        return new PooledByteBufAllocator(true, 0, PooledByteBufAllocator.defaultNumDirectArena(), pageSize,
                maxOrderFor(LARGEST_PROXY_BUFFER, pageSize), PooledByteBufAllocator.defaultSmallCacheSize(),
                PooledByteBufAllocator.defaultNormalCacheSize(), PooledByteBufAllocator.defaultUseCacheForAllThreads());
    }

    /** The smallest Netty {@code maxOrder} whose chunks ({@code pageSize << maxOrder}) hold {@code bytes}. */
    static int maxOrderFor(int bytes, int pageSize) {
        int order = 0;
        while ((long) pageSize << order < bytes) {
            order++;
        }
        return order;
    }

    /**
     * Upstream reads of up to {@link ProxyExchange#READ_MAX} (Netty stops at 64 KiB), into {@link #PROXY_BUFFERS}:
     * a listing or an object piece the service has already written arrives in one read and leaves in
     * one write instead of several.
     */
    private static void largeReads(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().config().setRecvByteBufAllocator(LARGE_READS).setAllocator(PROXY_BUFFERS);
        }
    }

    /** The client's connection copies what the gateway writes to it into {@link #PROXY_BUFFERS} (set by its first proxied request). */
    private static void writesFromThePool(HttpConnection connection) {
        if (connection instanceof ConnectionBase base && base.channel().config().getAllocator() != PROXY_BUFFERS) {
            base.channel().config().setAllocator(PROXY_BUFFERS);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String segment = PrefixRoutes.firstSegment(request.path());
        if (segment.equals("q")) {
            ctx.next();
            return;
        }
        String requestId = EdgeFilter.requestId(ctx);
        HttpServerResponse response = ctx.response();
        Optional<Service> service = routes.service(segment);
        if (service.isEmpty()) {
            EdgeFilter.reject(request);
            EdgeFilter.writeFault(response, FaultException.notFound("No service is mounted at this path"), requestId);
            return;
        }
        Optional<Upstream> upstream = routes.upstream(service.get());
        if (upstream.isEmpty()) {
            EdgeFilter.reject(request);
            EdgeFilter.writeFault(response, new FaultException(Fault.SERVICE_UNAVAILABLE,
                    service.get().displayName() + " is not configured on this gateway"), requestId);
            return;
        }
        long maxBody = service.get() == Service.STORAGE ? -1 : maxJsonBody;
        if (maxBody >= 0 && EdgeFilter.declaredLength(request) > maxBody) {
            EdgeFilter.reject(request);
            EdgeFilter.writeFault(response, tooLarge(maxBody), requestId);
            return;
        }
        String token = Tokens.fromRequest(request);
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
                    EdgeFilter.reject(request);
                    EdgeFilter.writeFault(response, failure instanceof FaultException f ? f
                            : new FaultException(Fault.SERVICE_UNAVAILABLE, "Identity service unavailable"), requestId);
                }));
    }

    private void proxy(HttpServerRequest request, Upstream upstream, String requestId, long maxBody) {
        if (request.response().closed()) {
            return;
        }
        writesFromThePool(request.connection());
        new ProxyExchange(vertx, client(), connectTimeoutMs, idleTimeoutMs, request, upstream, requestId, maxBody)
                .start();
    }

    private static void onContext(Context context, Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    static FaultException tooLarge(long maxBody) {
        return new FaultException(Fault.REQUEST_ENTITY_TOO_LARGE,
                "Request body larger than " + maxBody + " bytes");
    }
}
