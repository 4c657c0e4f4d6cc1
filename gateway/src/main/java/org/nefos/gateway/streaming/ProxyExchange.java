package org.nefos.gateway.streaming;

import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.netty.buffer.Unpooled;
import io.netty.channel.ConnectTimeoutException;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import org.nefos.gateway.edge.EdgeFilter;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.Upstream;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/**
 * One proxied request: client body → upstream, upstream response → client, both as streams with
 * back-pressure (write, and pause the source while the sink's queue is full). All callbacks run on
 * the client request's event loop, so the state below needs no locking.
 */
final class ProxyExchange {

    /** Largest body piece the gateway's HTTP decoders hand over (client side; the server side is configured alike). */
    static final int CHUNK = 64 * 1024;
    /** Largest piece read from an upstream connection at once (and handed over by its decoder). */
    static final int READ_MAX = 256 * 1024;
    /** Bytes held back per direction before they are written without waiting for the end of the task. */
    static final int HOLD_MAX = 512 * 1024;
    /**
     * Bytes queued per direction before the source is paused: large enough that a fast stream does not stall
     * on every piece (Netty's default high-water mark is 64 KiB), small enough that memory stays bounded.
     */
    static final int WRITE_QUEUE = 1024 * 1024;

    private final Vertx vertx;
    /** The event loop serving the client's request: every callback of this exchange runs on it. */
    private final Context context;
    private final HttpClient client;
    private final long connectTimeoutMs;
    private final long idleTimeoutMs;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final Upstream upstream;
    private final String requestId;
    /** For logs: method, prefix and request id only; paths and queries may carry capabilities (public links, signatures). */
    private final String label;
    /** Largest request body forwarded (counted as it streams); negative means no limit. */
    private final long maxBody;
    private long bodyBytes;

    private HttpClientRequest upstreamRequest;
    /** The client's response is complete, reset, or answered with a fault: nothing more to send. */
    private boolean finished;
    private boolean responseStarted;
    private boolean requestBodyEnded;
    private boolean upstreamResponseEnded;
    private boolean upstreamDead;
    private long lastActivity;
    private long timerId = -1;
    /**
     * The body pieces that arrived in the current event-loop task, per direction, joined (not copied) and held
     * until that task ends: the pieces of one read then leave in one write, and when the body's end arrives in
     * the same task (as it does for every body that fits one read) it goes out with them ({@code end(pieces)}),
     * for small bodies together with the head. Nothing waits for more input: the task's end, or
     * {@link #HOLD_MAX} bytes, writes what is held.
     */
    private final HeldPieces heldRequest = new HeldPieces(this::writeUpstream, () -> !upstreamDead);
    private HeldPieces heldResponse;

    ProxyExchange(Vertx vertx, HttpClient client, long connectTimeoutMs, long idleTimeoutMs,
            HttpServerRequest request, Upstream upstream, String requestId, long maxBody) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.maxBody = maxBody;
        this.client = client;
        this.connectTimeoutMs = connectTimeoutMs;
        this.idleTimeoutMs = idleTimeoutMs;
        this.request = request;
        this.response = request.response();
        this.upstream = upstream;
        this.requestId = requestId;
        this.label = request.method() + " /" + PrefixRoutes.firstSegment(request.path()) + "/... [" + requestId + "]";
    }

    void start() {
        request.pause();
        response.closeHandler(v -> clientGone("connection closed"));
        request.exceptionHandler(t -> clientGone(t.toString()));
        touch();
        armIdleTimer(idleTimeoutMs);

        MultiMap headers = ProxyHeaders.upstreamRequest(request.headers(),
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.scheme(), originalHost(request), requestId);
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(upstream.host())
                .setPort(upstream.port())
                .setSsl(upstream.ssl())
                .setURI(upstream.target(rawTarget(request)))
                .setHeaders(headers)
                .setConnectTimeout(connectTimeoutMs);
        client.request(options).onComplete(ar -> {
            if (ar.succeeded()) {
                send(ar.result());
            } else {
                upstreamFailed(ar.cause());
            }
        });
    }

    /** The Host the client asked for (HTTP/1.1 Host header, or the HTTP/2 authority). */
    private static String originalHost(HttpServerRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null && request.authority() != null) {
            host = request.authority().toString();
        }
        return host;
    }

    /** The client's path and query exactly as sent (no decoding, no normalisation). */
    private static String rawTarget(HttpServerRequest request) {
        String uri = request.uri();
        if (uri.startsWith("/")) {
            return uri;
        }
        String query = request.query();
        return request.path() + (query == null ? "" : "?" + query);
    }

    private boolean hasChunkedBody() {
        if (request.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            return false;
        }
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded();
        }
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }

    private void send(HttpClientRequest outgoing) {
        upstreamRequest = outgoing;
        if (finished) {
            resetUpstream();
            return;
        }
        outgoing.exceptionHandler(this::upstreamFailed);
        outgoing.setWriteQueueMaxSize(WRITE_QUEUE);
        outgoing.continueHandler(v -> {
            if (!finished && !response.headWritten()) {
                response.writeContinue();
            }
        });
        outgoing.response().onComplete(ar -> {
            if (ar.succeeded()) {
                relay(ar.result());
            } else {
                upstreamFailed(ar.cause());
            }
        });
        if (hasChunkedBody()) {
            outgoing.setChunked(true);
        }
        request.handler(this::forwardRequestChunk);
        request.endHandler(v -> {
            requestBodyEnded = true;
            if (!upstreamDead) {
                heldRequest.endOn(outgoing);
            }
        });
        request.resume();
    }

    private void forwardRequestChunk(Buffer chunk) {
        if (upstreamDead) {
            return;
        }
        touch();
        bodyBytes += chunk.length();
        if (maxBody >= 0 && bodyBytes > maxBody) {
            bodyTooLarge();
            return;
        }
        heldRequest.add(chunk);
    }

    private void writeUpstream(Buffer piece) {
        upstreamRequest.write(piece);
        if (upstreamRequest.writeQueueFull()) {
            request.pause();
            upstreamRequest.drainHandler(v -> request.resume());
        }
    }

    private void relay(HttpClientResponse incoming) {
        if (finished) {
            return;
        }
        touch();
        responseStarted = true;
        int status = incoming.statusCode();
        response.setStatusCode(status);
        if (incoming.statusMessage() != null) {
            response.setStatusMessage(incoming.statusMessage());
        }
        ProxyHeaders.downstreamResponse(incoming.headers(), response.headers(), requestId);
        boolean bodiless = request.method() == HttpMethod.HEAD || status == 204 || status == 304;
        if (!bodiless && !response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            response.setChunked(true);
        }
        incoming.exceptionHandler(this::upstreamFailed);
        response.setWriteQueueMaxSize(WRITE_QUEUE);
        heldResponse = new HeldPieces(piece -> writeDownstream(incoming, piece), () -> !finished);
        incoming.handler(chunk -> {
            if (finished) {
                return;
            }
            touch();
            heldResponse.add(chunk);
        });
        incoming.endHandler(v -> {
            upstreamResponseEnded = true;
            if (finished) {
                return;
            }
            finished = true;
            cancelIdleTimer();
            heldResponse.endOn(response);
            Log.debugf("%s -> %s %d", label, upstream.service().displayName(), status);
        });
    }

    /** One direction's held pieces (see {@link #heldRequest}). */
    private final class HeldPieces {
        private final Consumer<Buffer> write;
        private final BooleanSupplier open;
        private Buffer pieces;
        private boolean flushPending;

        HeldPieces(Consumer<Buffer> write, BooleanSupplier open) {
            this.write = write;
            this.open = open;
        }

        void add(Buffer piece) {
            // joined without copying either
            pieces = pieces == null ? piece : Buffer.buffer(Unpooled.wrappedBuffer(pieces.getByteBuf(), piece.getByteBuf()));
            if (pieces.length() >= HOLD_MAX) {
                write.accept(take());
            } else if (!flushPending) {
                flushPending = true;
                context.runOnContext(v -> {
                    flushPending = false;
                    Buffer held = take();
                    if (held != null && open.getAsBoolean()) {
                        write.accept(held);
                    }
                });
            }
        }

        /** Ends {@code stream}, with what is held as its last piece. */
        void endOn(WriteStream<Buffer> stream) {
            Buffer last = take();
            if (last == null) {
                stream.end();
            } else {
                stream.end(last);
            }
        }

        /** What is held (or {@code null}); nothing is held afterwards. */
        private Buffer take() {
            Buffer held = pieces;
            pieces = null;
            return held;
        }
    }

    private void writeDownstream(HttpClientResponse incoming, Buffer piece) {
        response.write(piece);
        if (response.writeQueueFull()) {
            incoming.pause();
            response.drainHandler(v -> incoming.resume());
        }
    }

    private void upstreamFailed(Throwable cause) {
        upstreamDead = true;
        if (finished) {
            return;
        }
        finished = true;
        cancelIdleTimer();
        resetUpstream();
        if (!responseStarted) {
            boolean timeout = cause instanceof TimeoutException
                    || cause instanceof ConnectTimeoutException;
            Log.warnf("%s: %s %s: %s", label, upstream.service().displayName(),
                    timeout ? "timed out" : "unreachable", cause.toString());
            abandonRequestBody();
            EdgeFilter.writeFault(response, timeout
                    ? new FaultException(Fault.GATEWAY_TIMEOUT, upstream.service().displayName() + " did not answer in time")
                    : new FaultException(Fault.BAD_GATEWAY, upstream.service().displayName() + " is unreachable"),
                    requestId);
        } else {
            Log.warnf("%s: %s failed mid-response (%s); resetting the client connection", label,
                    upstream.service().displayName(), cause.toString());
            response.reset();
        }
    }

    /** A streamed (chunked) body passed the limit: the upstream request is reset, the client gets a 413. */
    private void bodyTooLarge() {
        upstreamDead = true;
        if (finished) {
            return;
        }
        finished = true;
        cancelIdleTimer();
        resetUpstream();
        if (!responseStarted) {
            Log.infof("%s: request body over %d bytes; aborted", label, maxBody);
            abandonRequestBody();
            EdgeFilter.writeFault(response, StreamingProxy.tooLarge(maxBody), requestId);
        } else {
            response.reset();
        }
    }

    private void idleTimeout() {
        if (finished) {
            return;
        }
        finished = true;
        resetUpstream();
        if (!responseStarted) {
            Log.warnf("%s: %s idle for %d ms before answering", label, upstream.service().displayName(),
                    idleTimeoutMs);
            abandonRequestBody();
            EdgeFilter.writeFault(response, new FaultException(Fault.GATEWAY_TIMEOUT,
                    upstream.service().displayName() + " did not answer in time"), requestId);
        } else {
            Log.warnf("%s: transfer idle for %d ms; resetting both sides", label, idleTimeoutMs);
            response.reset();
        }
    }

    private void clientGone(String reason) {
        boolean wasFinished = finished;
        finished = true;
        cancelIdleTimer();
        if (!requestBodyEnded || !upstreamResponseEnded) {
            if (!wasFinished) {
                Log.debugf("%s: client went away (%s); resetting upstream request", label, reason);
            }
            resetUpstream();
        }
    }

    private void resetUpstream() {
        upstreamDead = true;
        if (upstreamRequest != null) {
            upstreamRequest.reset();
        }
    }

    /**
     * The upstream will not take the rest of the body. The fault goes out with {@code Connection: close}
     * (clients stop sending when they see it); whatever still arrives is dropped, then the connection closes.
     */
    private void abandonRequestBody() {
        if (requestBodyEnded || request.isEnded()) {
            return;
        }
        if (request.version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        request.handler(chunk -> {
        });
        request.endHandler(v -> {
            requestBodyEnded = true;
            if (request.version() != HttpVersion.HTTP_2) {
                request.connection().close();
            }
        });
        request.resume();
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    private void armIdleTimer(long delayMs) {
        timerId = vertx.setTimer(Math.max(1, delayMs), id -> {
            timerId = -1;
            if (finished) {
                return;
            }
            long idleMs = (System.nanoTime() - lastActivity) / 1_000_000;
            if (idleMs >= idleTimeoutMs) {
                idleTimeout();
            } else {
                armIdleTimer(idleTimeoutMs - idleMs);
            }
        });
    }

    private void cancelIdleTimer() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
