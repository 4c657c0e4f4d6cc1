package org.nefos.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void burstThenRefusedWithSecondsUntilTheNextToken() {
        RateLimiter limiter = new RateLimiter(0.5, 3, 100, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limiter.acquire("a"));
        }
        assertEquals(2, limiter.acquire("a"), "one token per 2 s");
        now.addAndGet(SECOND);
        assertEquals(1, limiter.acquire("a"));
        now.addAndGet(SECOND);
        assertEquals(0, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("b"), "buckets are per key");
    }

    @Test
    void refillNeverExceedsTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 2, 100, now::get);
        limiter.acquire("a");
        now.addAndGet(3600 * SECOND);
        assertEquals(0, limiter.acquire("a"));
        assertEquals(0, limiter.acquire("a"));
        assertTrue(limiter.acquire("a") >= 1);
    }

    @Test
    void memoryIsBoundedAndIdleBucketsGoFirst() {
        RateLimiter limiter = new RateLimiter(1, 2, 10, now::get);
        for (int i = 0; i < 10; i++) {
            limiter.acquire("idle-" + i);
        }
        now.addAndGet(10 * SECOND);
        limiter.acquire("busy");
        limiter.acquire("busy");
        assertTrue(limiter.size() <= 10, "size " + limiter.size());
        assertTrue(limiter.acquire("busy") >= 1, "a busy bucket survives eviction of idle ones");
        for (int i = 0; i < 1000; i++) {
            limiter.acquire("flood-" + i);
            assertTrue(limiter.size() <= 10, "size " + limiter.size());
        }
    }

    @Test
    void nonsenseSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1, 1, now::get));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(1, 0, 1, now::get));
    }
}
