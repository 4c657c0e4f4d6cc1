package org.nefos.systemtests;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls with a deadline instead of sleeping for a fixed time. */
final class Poll {

    private static final long INTERVAL = Duration.ofMillis(50).toNanos();

    private Poll() {
    }

    static <T> T until(Supplier<T> probe, Predicate<T> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last: " + last);
            }
            LockSupport.parkNanos(INTERVAL);
            last = probe.get();
        }
        return last;
    }
}
