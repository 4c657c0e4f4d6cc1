package org.nefos.gateway.edge;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by caller. A bucket refills at {@code rate} per second up to {@code burst};
 * a request takes one token or is refused with the seconds to wait. Memory is bounded: a bucket idle
 * long enough to be full again is the same as a new one, so such buckets are dropped first, and the
 * map never holds more than {@code maxBuckets}.
 */
public final class RateLimiter {

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    private final double ratePerNano;
    private final int burst;
    private final int maxBuckets;
    private final long refillNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double ratePerSecond, int burst, int maxBuckets, LongSupplier nanoClock) {
        if (ratePerSecond <= 0 || burst < 1 || maxBuckets < 1) {
            throw new IllegalArgumentException("rate-limit needs rate > 0, burst >= 1, max-buckets >= 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.maxBuckets = maxBuckets;
        this.refillNanos = (long) Math.ceil(burst / ratePerNano);
        this.nanoClock = nanoClock;
    }

    /** 0 when the request may go, else the whole seconds (at least 1) until a token is available. */
    public long acquire(String key) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxBuckets) {
                evictIdle(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        synchronized (bucket) {
            double refilled = Math.min(burst, bucket.tokens + (now - bucket.updated) * ratePerNano);
            bucket.updated = now;
            if (refilled >= 1) {
                bucket.tokens = refilled - 1;
                return 0;
            }
            bucket.tokens = refilled;
            return Math.max(1, (long) Math.ceil((1 - refilled) / ratePerNano / 1e9));
        }
    }

    /** Drops buckets that have refilled completely; if that is not enough, the oldest-updated half. */
    public void evictIdle(long now) {
        buckets.entrySet().removeIf(e -> now - e.getValue().updated >= refillNanos);
        if (buckets.size() >= maxBuckets) {
            long[] stamps = buckets.values().stream().mapToLong(b -> b.updated).sorted().toArray();
            if (stamps.length > 0) {
                long median = stamps[stamps.length / 2];
                for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext();) {
                    if (it.next().getValue().updated <= median) {
                        it.remove();
                    }
                }
            }
        }
    }

    public int size() {
        return buckets.size();
    }
}
