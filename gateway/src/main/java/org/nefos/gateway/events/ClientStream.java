package org.nefos.gateway.events;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;

/**
 * One connected client (SSE response or WebSocket): the events it may see are queued here by the
 * Kafka thread and written on the connection's own event-loop context, as fast as the client reads.
 * The queue is bounded: a client that falls more than {@code maxQueue} events behind is disconnected
 * (it can reconnect with its {@code Last-Event-ID}), so one slow reader never holds up the others.
 */
final class ClientStream implements EventRing.Listener {

    static final String TOO_SLOW = "client too slow";

    /** The connection, written only on its context. */
    interface Sink {
        boolean writeQueueFull();

        void drainHandler(Runnable whenWritable);

        void send(StreamEvent event);

        void control(String json);

        void heartbeat();

        /** Ends the stream because the client fell behind (or its token expired). */
        void close(String reason);
    }

    private final Context context;
    private final String user;
    private final TypeFilter types;
    private final int maxQueue;
    private final Sink sink;
    private final ConcurrentLinkedQueue<StreamEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile int allowance;
    private volatile String notice;
    private final String incompleteNotice;
    private volatile boolean closed;
    private long lastWriteNanos = System.nanoTime();

    ClientStream(Context context, String user, TypeFilter types, int maxQueue, String incompleteNotice, Sink sink) {
        this.incompleteNotice = incompleteNotice;
        this.context = context;
        this.user = user;
        this.types = types;
        this.maxQueue = maxQueue;
        this.sink = sink;
    }

    boolean wants(StreamEvent event) {
        return event.visibleTo(user) && types.matches(event.type());
    }

    @Override
    public void offer(StreamEvent event) {
        if (closed || !wants(event)) {
            return;
        }
        if (queued.incrementAndGet() > maxQueue + allowance) {
            closed = true;
            context.runOnContext(v -> sink.close(TOO_SLOW + ": more than " + maxQueue + " events behind"));
            return;
        }
        queue.add(event);
        schedule();
    }

    /** Under the ring's lock, before any live event: queues what was missed, after the notice if some is lost. */
    @Override
    public void start(EventRing.Replay replay) {
        List<StreamEvent> mine = replay.events().stream().filter(this::wants).toList();
        if (!replay.complete()) {
            notice = incompleteNotice;
        }
        allowance = mine.size();
        for (StreamEvent event : mine) {
            queued.incrementAndGet();
            queue.add(event);
        }
        schedule();
    }

    /** On the context: a heartbeat when nothing was written for {@code idleNanos}. */
    void tick(long idleNanos) {
        if (!closed && queue.isEmpty() && !sink.writeQueueFull() && System.nanoTime() - lastWriteNanos >= idleNanos) {
            sink.heartbeat();
            lastWriteNanos = System.nanoTime();
        }
    }

    void stop() {
        closed = true;
        queue.clear();
    }

    boolean closed() {
        return closed;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        scheduled.set(false);
        if (notice != null && !closed) {
            sink.control(notice);
            notice = null;
            lastWriteNanos = System.nanoTime();
        }
        while (!closed) {
            if (sink.writeQueueFull()) {
                sink.drainHandler(this::schedule);
                return;
            }
            StreamEvent event = queue.poll();
            if (event == null) {
                return;
            }
            queued.decrementAndGet();
            sink.send(event);
            lastWriteNanos = System.nanoTime();
        }
    }
}
