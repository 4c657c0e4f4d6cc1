package org.nefos.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientStreamTest {

    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** A connection whose write queue is full until opened. */
    private static final class FakeSink implements ClientStream.Sink {
        volatile boolean full;
        volatile Runnable drain;
        final List<String> written = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();
        volatile int heartbeats;

        @Override
        public boolean writeQueueFull() {
            return full;
        }

        @Override
        public void drainHandler(Runnable whenWritable) {
            drain = whenWritable;
        }

        @Override
        public void send(StreamEvent event) {
            written.add(event.streamId());
        }

        @Override
        public void control(String json) {
            written.add(json);
        }

        @Override
        public void heartbeat() {
            heartbeats++;
        }

        @Override
        public void close(String reason) {
            closed.add(reason);
        }
    }

    private static StreamEvent event(long seq, String owner, String type) {
        return new StreamEvent(seq, "b-" + seq, type, owner, Set.of(), "{}");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        assertTrue(condition.getAsBoolean());
    }

    @Test
    void writesOnlyTheUsersEventsOfTheSelectedTypesInOrder() throws Exception {
        FakeSink sink = new FakeSink();
        ClientStream s = new ClientStream(context, "alice", TypeFilter.parse("org.nefos.compute"), 10, "n", sink);
        s.start(new EventRing.Replay(List.of(event(1, "alice", "org.nefos.compute.server.updated.v1")), true));
        s.offer(event(2, "bob", "org.nefos.compute.server.updated.v1"));
        s.offer(event(3, "alice", "org.nefos.network.port.created.v1"));
        s.offer(event(4, "alice", "org.nefos.compute.server.deleted.v1"));
        await(() -> sink.written.size() == 2);
        assertEquals(List.of("b-1", "b-4"), sink.written);
    }

    @Test
    void incompleteReplayIsAnnouncedBeforeTheEvents() throws Exception {
        FakeSink sink = new FakeSink();
        ClientStream s = new ClientStream(context, "alice", TypeFilter.ALL, 10, "notice", sink);
        s.start(new EventRing.Replay(List.of(event(5, "alice", "org.nefos.compute.server.updated.v1")), false));
        await(() -> sink.written.size() == 2);
        assertEquals(List.of("notice", "b-5"), sink.written);
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhenItsQueueOverflowsAndWritingResumesOnDrain() throws Exception {
        FakeSink sink = new FakeSink();
        sink.full = true;
        ClientStream s = new ClientStream(context, "alice", TypeFilter.ALL, 3, "n", sink);
        s.start(new EventRing.Replay(List.of(), true));
        for (int i = 1; i <= 3; i++) {
            s.offer(event(i, "alice", "org.nefos.compute.server.updated.v1"));
        }
        await(() -> sink.drain != null);
        assertTrue(sink.written.isEmpty(), "nothing is written while the connection is full");
        sink.full = false;
        context.runOnContext(v -> sink.drain.run());
        await(() -> sink.written.size() == 3);
        sink.full = true;
        for (int i = 4; i <= 8; i++) {
            s.offer(event(i, "alice", "org.nefos.compute.server.updated.v1"));
        }
        await(() -> sink.closed.size() == 1);
        assertTrue(sink.closed.get(0).startsWith("client too slow"), sink.closed.toString());
        assertTrue(s.closed());
    }

    @Test
    void heartbeatOnlyWhenIdle() throws Exception {
        FakeSink sink = new FakeSink();
        ClientStream s = new ClientStream(context, "alice", TypeFilter.ALL, 3, "n", sink);
        s.start(new EventRing.Replay(List.of(), true));
        context.runOnContext(v -> s.tick(TimeUnit.HOURS.toNanos(1)));
        context.runOnContext(v -> s.tick(0));
        await(() -> sink.heartbeats == 1);
    }
}
