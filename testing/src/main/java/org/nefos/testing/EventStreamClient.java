package org.nefos.testing;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A client of the gateway's live event stream for tests, over Server-Sent Events or WebSocket (JDK
 * clients only, so it behaves like an outside consumer). Messages are collected as they arrive; tests
 * wait for them with deadlines.
 */
public final class EventStreamClient implements AutoCloseable {

    /** One message: the SSE {@code id:} (null on WebSocket and for notices) and the JSON text. */
    public record Message(String id, String data) {
    }

    private final LinkedBlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();
    private final List<Message> seen = new ArrayList<>();
    private volatile boolean ended;
    private volatile int closeCode = -1;
    private volatile String closeReason;
    private volatile int status;
    private volatile String errorBody;
    private Thread reader;
    private WebSocket webSocket;
    private volatile Stream<String> sseBody;

    private EventStreamClient() {
    }

    /** Opens an SSE stream; check {@link #status()} (200, or the fault's status with {@link #errorBody()}). */
    public static EventStreamClient sse(URI uri, Map<String, String> headers) {
        EventStreamClient client = new EventStreamClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        HttpResponse<Stream<String>> response;
        try {
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("event stream did not answer", e);
        }
        client.status = response.statusCode();
        if (client.status != 200) {
            try (Stream<String> body = response.body()) {
                client.errorBody = String.join("\n", body.toList());
            }
            client.ended = true;
            return client;
        }
        client.sseBody = response.body();
        client.reader = new Thread(() -> client.readSse(response.body()), "sse-test-client");
        client.reader.setDaemon(true);
        client.reader.start();
        return client;
    }

    private void readSse(Stream<String> lines) {
        String id = null;
        StringBuilder data = null;
        try (lines) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        messages.add(new Message(id, data.toString()));
                    }
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    String chunk = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(chunk) : data.append('\n').append(chunk);
                }
            }
        } catch (UncheckedIOException closed) {
            // the stream ended
        } finally {
            ended = true;
        }
    }

    /**
     * Opens a WebSocket; {@code firstMessage} (may be null) is sent right after the handshake. A refused
     * handshake gives a client whose {@link #status()} is the HTTP status.
     */
    public static EventStreamClient webSocket(URI uri, Map<String, String> headers, String firstMessage) {
        EventStreamClient client = new EventStreamClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
                partial.append(text);
                if (last) {
                    client.messages.add(new Message(null, partial.toString()));
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
                client.comments.incrementAndGet();
                return WebSocket.Listener.super.onPing(ws, message);
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                client.closeCode = statusCode;
                client.closeReason = reason;
                client.ended = true;
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                client.ended = true;
            }
        };
        try {
            client.webSocket = builder.buildAsync(uri, listener).get(30, TimeUnit.SECONDS);
            client.status = 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                client.status = refused.getResponse().statusCode();
                client.errorBody = String.valueOf(refused.getResponse().body());
                client.ended = true;
                return client;
            }
            throw new IllegalStateException("websocket did not open", e);
        } catch (Exception e) {
            throw new IllegalStateException("websocket did not open", e);
        }
        if (firstMessage != null) {
            client.webSocket.sendText(firstMessage, true).join();
        }
        return client;
    }

    /** Sends a text message (WebSocket only). */
    public void send(String text) {
        try {
            webSocket.sendText(text, true).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    public int status() {
        return status;
    }

    public String errorBody() {
        return errorBody;
    }

    /** Comment lines (SSE) or pings (WebSocket) received: the heartbeats. */
    public int heartbeats() {
        return comments.get();
    }

    /** True once the server ended the stream (or it failed). */
    public boolean ended() {
        return ended;
    }

    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    /** The next message within {@code timeout}, or null. */
    public Message next(Duration timeout) {
        try {
            Message m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (m != null) {
                synchronized (seen) {
                    seen.add(m);
                }
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Waits until a message matching {@code wanted} arrives (others are kept in {@link #received()}). */
    public Message await(Predicate<Message> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = next(Duration.ofNanos(Math.max(1, Math.min(deadline - System.nanoTime(),
                    Duration.ofMillis(200).toNanos()))));
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        return null;
    }

    /** Every message taken so far by {@link #next} or {@link #await}, in order. */
    public List<Message> received() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Messages taken so far plus those still waiting, after waiting {@code quiet} for stragglers. */
    public List<Message> drain(Duration quiet) {
        while (next(quiet) != null) {
            // collect
        }
        return received();
    }

    @Override
    public void close() {
        if (webSocket != null && !ended) {
            webSocket.abort();
        }
        if (sseBody != null) {
            sseBody.close(); // cancels the response: the server sees the client go
        }
        ended = true;
    }
}
