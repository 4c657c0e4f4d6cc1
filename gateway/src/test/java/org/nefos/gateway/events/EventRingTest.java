package org.nefos.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class EventRingTest {

    private final EventRing ring = new EventRing("b00t", 4);

    private StreamEvent add(String owner) {
        return ring.append(seq -> new StreamEvent(seq, ring.streamId(seq), "org.nefos.compute.server.updated.v1",
                owner, Set.of(), "{}"));
    }

    private static final class Recorder implements EventRing.Listener {
        EventRing.Replay replay;
        final List<Long> live = new ArrayList<>();

        @Override
        public void start(EventRing.Replay r) {
            replay = r;
        }

        @Override
        public void offer(StreamEvent event) {
            live.add(event.seq());
        }
    }

    @Test
    void idsGrowByOneAndNameTheProcess() {
        assertEquals("b00t-1", add("u").streamId());
        assertEquals("b00t-2", add("u").streamId());
    }

    @Test
    void replayFromAHeldIdIsCompleteAndStartsRightAfterIt() {
        add("u");
        add("u");
        add("u");
        Recorder r = new Recorder();
        ring.attach(r, "b00t-1");
        assertTrue(r.replay.complete());
        assertEquals(List.of(2L, 3L), r.replay.events().stream().map(StreamEvent::seq).toList());
        add("u");
        assertEquals(List.of(4L), r.live, "live events follow the replay");
    }

    @Test
    void replayFromTheNewestIdIsCompleteAndEmpty() {
        add("u");
        Recorder r = new Recorder();
        ring.attach(r, "b00t-1");
        assertTrue(r.replay.complete());
        assertTrue(r.replay.events().isEmpty());
    }

    @Test
    void replayFromAnIdThatFellOutOfTheRingIsIncompleteButGivesWhatIsLeft() {
        for (int i = 0; i < 7; i++) {
            add("u");
        }
        Recorder r = new Recorder();
        ring.attach(r, "b00t-2"); // 3 was overwritten: held are 4..7
        assertFalse(r.replay.complete());
        assertEquals(List.of(4L, 5L, 6L, 7L), r.replay.events().stream().map(StreamEvent::seq).toList());
        Recorder edge = new Recorder();
        ring.attach(edge, "b00t-3"); // exactly the one before the oldest: nothing lost
        assertTrue(edge.replay.complete());
    }

    @Test
    void idsOfAnotherProcessOrFromTheFutureCannotBePlaced() {
        add("u");
        for (String id : List.of("other-1", "b00t-9", "b00t-x", "garbage")) {
            Recorder r = new Recorder();
            ring.attach(r, id);
            assertFalse(r.replay.complete(), id);
            assertTrue(r.replay.events().isEmpty(), id);
        }
    }

    @Test
    void detachedListenersGetNothing() {
        Recorder r = new Recorder();
        ring.attach(r, null);
        assertTrue(r.replay.complete());
        ring.detach(r);
        add("u");
        assertTrue(r.live.isEmpty());
        assertEquals(0, ring.listeners());
    }
}
