package org.nefos.gateway.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The recent events of this gateway (all users), for {@code Last-Event-ID} replay, and the clients
 * listening. Appending and attaching take the same lock, so a client that attaches gets every event
 * exactly once: the replayed ones, then the live ones, in order.
 *
 * <p>Stream ids are {@code <boot>-<seq>}: {@code boot} names this gateway process (random at start),
 * {@code seq} grows by one per event. An id from another process (another replica, or before a restart)
 * cannot be placed, so replay from it is reported incomplete.
 */
public final class EventRing {

    /** Receives events; called under the ring's lock, so it must only queue. */
    public interface Listener {
        /** First call: what was missed (possibly nothing); live events follow through {@link #offer}. */
        void start(Replay replay);

        void offer(StreamEvent event);
    }

    /** What a reconnecting client gets first: the events it missed, and whether that is all of them. */
    public record Replay(List<StreamEvent> events, boolean complete) {
    }

    private final String boot;
    private final StreamEvent[] slots;
    private long next = 1;
    private final Set<Listener> listeners = new LinkedHashSet<>();

    public EventRing(String boot, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.boot = boot;
        this.slots = new StreamEvent[capacity];
    }

    public String boot() {
        return boot;
    }

    /** Stores the event made for the next sequence number and hands it to every listener. */
    public synchronized StreamEvent append(LongFunction<StreamEvent> make) {
        long seq = next;
        StreamEvent event = make.apply(seq);
        if (event.seq() != seq) {
            throw new IllegalArgumentException("event made for another sequence number");
        }
        slots[(int) (seq % slots.length)] = event;
        next = seq + 1;
        for (Listener listener : listeners) {
            listener.offer(event);
        }
        return event;
    }

    /** The stream id of the event with sequence number {@code seq}. */
    public String streamId(long seq) {
        return boot + "-" + seq;
    }

    /**
     * Starts sending live events to {@code listener} and returns what it missed after {@code lastEventId}
     * (none when it is null: a new client starts from now).
     */
    public synchronized Replay attach(Listener listener, String lastEventId) {
        Replay replay = replay(lastEventId);
        listener.start(replay);
        listeners.add(listener);
        return replay;
    }

    private Replay replay(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return new Replay(List.of(), true);
        }
        long last = parse(lastEventId.trim());
        long oldest = Math.max(1, next - slots.length);
        if (last < 0 || last >= next) {
            return new Replay(List.of(), false); // not one of ours: nothing can be placed after it
        }
        boolean complete = last >= oldest - 1;
        List<StreamEvent> missed = new ArrayList<>();
        for (long seq = Math.max(last + 1, oldest); seq < next; seq++) {
            missed.add(slots[(int) (seq % slots.length)]);
        }
        return new Replay(missed, complete);
    }

    public synchronized void detach(Listener listener) {
        listeners.remove(listener);
    }

    /** Events appended since this process started. */
    public synchronized long appended() {
        return next - 1;
    }

    public synchronized int listeners() {
        return listeners.size();
    }

    /** The sequence number in one of this process's ids, -1 for any other id. */
    private long parse(String id) {
        if (!id.startsWith(boot + "-")) {
            return -1;
        }
        try {
            return Long.parseLong(id.substring(boot.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
