package org.nefos.gateway.events;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.nefos.gateway.config.GatewayConfig;
import org.nefos.gateway.edge.EdgeAuth;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.Tokens;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;

/**
 * {@code GET /events/v1/stream}: the caller's live state changes, as Server-Sent Events or, when the
 * request asks to upgrade, over a WebSocket. See docs/events.md ("Live stream") for the contract:
 * authentication ({@code X-Auth-Token} header or query parameter; on a WebSocket also a first message
 * {@code {"token": ...}}), {@code types} filter, {@code Last-Event-ID} replay, heartbeats, and when a
 * client is disconnected.
 */
@ApplicationScoped
public class EventStreams {

    public static final String PATH = "/events/v1/stream";
    static final String SEGMENT = "events";
    /** Ahead of the streaming proxy's catch-all route. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 10;

    static final short WS_POLICY = 1008;
    static final short WS_TRY_AGAIN = 1013;

    private final Vertx vertx;
    private final EventFeed feed;
    private final EdgeAuth auth;
    private final GatewayConfig.Events settings;
    private final java.util.concurrent.atomic.LongAdder dropped = new java.util.concurrent.atomic.LongAdder();

    @Inject
    public EventStreams(Vertx vertx, EventFeed feed, EdgeAuth auth, GatewayConfig config) {
        this.vertx = vertx;
        this.feed = feed;
        this.auth = auth;
        this.settings = config.events();
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            String path = ctx.request().path();
            if (path.equals("/" + SEGMENT) || path.startsWith("/" + SEGMENT + "/")) {
                handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        String path = request.path();
        if (!path.equals(PATH) && !path.equals(PATH + "/")) {
            fault(response, FaultException.notFound("No event stream at this path (use " + PATH + ")"));
            return;
        }
        if (request.method() != HttpMethod.GET) {
            fault(response, FaultException.notAllowed("Method not allowed", "GET"));
            return;
        }
        if (!feed.enabled()) {
            fault(response, new FaultException(Fault.SERVICE_UNAVAILABLE,
                    "The event stream is not configured on this gateway"));
            return;
        }
        TypeFilter types;
        try {
            types = TypeFilter.parse(request.getParam("types"));
        } catch (FaultException e) {
            fault(response, e);
            return;
        }
        String lastEventId = request.getHeader("Last-Event-ID");
        if (lastEventId == null) {
            lastEventId = request.getParam("last_event_id");
        }
        String token = Tokens.fromRequest(request);
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
        if (token == null && !upgrade) {
            fault(response, FaultException.unauthorized("Missing X-Auth-Token"));
            return;
        }
        String replayFrom = lastEventId;
        if (token == null) {
            request.toWebSocket().onSuccess(ws -> awaitToken(ws, types, replayFrom))
                    .onFailure(e -> Log.debugf("event stream: websocket upgrade failed: %s", e.toString()));
            return;
        }
        request.pause();
        Context context = vertx.getOrCreateContext();
        auth.verify(token).subscribe().with(
                principal -> context.runOnContext(v -> {
                    if (response.closed()) {
                        return;
                    }
                    if (upgrade) {
                        request.toWebSocket().onSuccess(ws -> webSocket(ws, principal, types, replayFrom))
                                .onFailure(e -> Log.debugf("event stream: websocket upgrade failed: %s", e.toString()));
                    } else {
                        request.resume();
                        sse(request, response, principal, types, replayFrom);
                    }
                }),
                failure -> context.runOnContext(v -> {
                    request.resume();
                    fault(response, failure instanceof FaultException f ? f
                            : new FaultException(Fault.SERVICE_UNAVAILABLE, "Identity service unavailable"));
                }));
    }

    // ---- Server-Sent Events ----

    private void sse(HttpServerRequest request, HttpServerResponse response, Principal principal, TypeFilter types,
            String lastEventId) {
        response.setStatusCode(200).setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store")
                .putHeader("X-Accel-Buffering", "no");
        ClientStream.Sink sink = new ClientStream.Sink() {
            @Override
            public boolean writeQueueFull() {
                return response.writeQueueFull();
            }

            @Override
            public void drainHandler(Runnable whenWritable) {
                response.drainHandler(v -> whenWritable.run());
            }

            @Override
            public void send(StreamEvent event) {
                response.write("id: " + event.streamId() + "\ndata: " + event.message() + "\n\n");
            }

            @Override
            public void control(String json) {
                response.write("data: " + json + "\n\n");
            }

            @Override
            public void heartbeat() {
                response.write(": heartbeat\n\n");
            }

            @Override
            public void close(String reason) {
                Log.debugf("event stream (SSE) closed: %s", reason);
                countDrop(reason);
                if (response.writeQueueFull()) {
                    request.connection().close(); // it does not read; an orderly end would only queue more
                } else if (!response.ended()) {
                    response.end(": closed: " + reason + "\n\n");
                }
            }
        };
        ClientStream stream = attach(principal, types, lastEventId, sink);
        response.write("retry: 3000\n: nefos event stream\n\n"); // ahead of the replay, which drains later
        response.closeHandler(v -> detach(stream));
        response.endHandler(v -> detach(stream));
    }

    // ---- WebSocket ----

    private void awaitToken(ServerWebSocket ws, TypeFilter queryTypes, String queryLastEventId) {
        long timer = vertx.setTimer(Math.max(1, settings.authTimeout().toMillis()),
                t -> ws.close(WS_POLICY, "no token received"));
        ws.textMessageHandler(text -> {
            ws.textMessageHandler(ignored -> {
            });
            vertx.cancelTimer(timer);
            JsonObject hello;
            TypeFilter types;
            try {
                hello = new JsonObject(text);
                types = hello.containsKey("types") ? TypeFilter.parse(hello.getString("types")) : queryTypes;
            } catch (DecodeException | ClassCastException e) {
                ws.close(WS_POLICY, "first message must be {\"token\": \"...\"}");
                return;
            } catch (FaultException e) {
                ws.close(WS_POLICY, truncate(e.getMessage()));
                return;
            }
            String token = hello.getString("token");
            String lastEventId = hello.getString("last_event_id", queryLastEventId);
            if (token == null || token.isBlank()) {
                ws.close(WS_POLICY, "first message must be {\"token\": \"...\"}");
                return;
            }
            Context context = vertx.getOrCreateContext();
            auth.verify(token).subscribe().with(
                    principal -> context.runOnContext(v -> webSocket(ws, principal, types, lastEventId)),
                    failure -> context.runOnContext(v -> ws.close(WS_POLICY,
                            failure instanceof FaultException f && f.status() == 401 ? "token refused"
                                    : "identity service unavailable")));
        });
        ws.binaryMessageHandler(b -> ws.close(WS_POLICY, "text messages only"));
    }

    private void webSocket(ServerWebSocket ws, Principal principal, TypeFilter types, String lastEventId) {
        if (ws.isClosed()) {
            return;
        }
        ClientStream.Sink sink = new ClientStream.Sink() {
            @Override
            public boolean writeQueueFull() {
                return ws.writeQueueFull();
            }

            @Override
            public void drainHandler(Runnable whenWritable) {
                ws.drainHandler(v -> whenWritable.run());
            }

            @Override
            public void send(StreamEvent event) {
                ws.writeTextMessage(event.message());
            }

            @Override
            public void control(String json) {
                ws.writeTextMessage(json);
            }

            @Override
            public void heartbeat() {
                ws.writePing(Buffer.buffer());
            }

            @Override
            public void close(String reason) {
                Log.debugf("event stream (WebSocket) closed: %s", reason);
                countDrop(reason);
                ws.close(reason.startsWith(ClientStream.TOO_SLOW) ? WS_TRY_AGAIN : WS_POLICY, truncate(reason));
            }
        };
        ws.textMessageHandler(ignored -> {
        });
        ClientStream stream = attach(principal, types, lastEventId, sink);
        ws.closeHandler(v -> detach(stream));
    }

    // ---- common ----

    private void countDrop(String reason) {
        if (reason.startsWith(ClientStream.TOO_SLOW)) {
            dropped.increment();
        }
    }

    private final java.util.Map<ClientStream, long[]> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private ClientStream attach(Principal principal, TypeFilter types, String lastEventId, ClientStream.Sink sink) {
        Context context = vertx.getOrCreateContext();
        ClientStream stream = new ClientStream(context, principal.id(), types, settings.clientQueue(),
                EventMessages.replayIncomplete(lastEventId), sink);
        feed.ring().attach(stream, lastEventId);
        long idle = settings.heartbeat().toNanos();
        long heartbeat = vertx.setPeriodic(Math.max(10, settings.heartbeat().toMillis() / 2), t -> stream.tick(idle));
        long expiry = -1;
        if (principal.expires() != null) {
            long ms = principal.expires().toEpochMilli() - Instant.now().toEpochMilli();
            expiry = vertx.setTimer(Math.max(1, ms), t -> {
                stream.stop();
                sink.close("token expired");
            });
        }
        timers.put(stream, new long[] {heartbeat, expiry});
        return stream;
    }

    private void detach(ClientStream stream) {
        stream.stop();
        feed.ring().detach(stream);
        long[] ids = timers.remove(stream);
        if (ids != null) {
            vertx.cancelTimer(ids[0]);
            if (ids[1] >= 0) {
                vertx.cancelTimer(ids[1]);
            }
        }
    }

    /** Clients disconnected because they fell too far behind. */
    public long droppedClients() {
        return dropped.sum();
    }

    private static String truncate(String reason) {
        // a close frame's reason must fit in 123 bytes
        return reason.length() > 100 ? reason.substring(0, 100) : reason;
    }

    private static void fault(HttpServerResponse response, FaultException fault) {
        if (response.headWritten() || response.closed()) {
            return;
        }
        response.setStatusCode(fault.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Faults.JSON_UTF8)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, must-revalidate, max-age=0");
        fault.headers().forEach(response::putHeader);
        response.end(Faults.toJson(fault));
    }
}
