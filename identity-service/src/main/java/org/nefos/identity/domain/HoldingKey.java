package org.nefos.identity.domain;

import java.util.Comparator;

/**
 * (holder, source, resource). Holders are {@code user:<uuid>} or {@code project:<uuid>}; the source is
 * {@code project:<uuid>} for user holders and null (stored as {@code ""}) for project holders.
 */
public record HoldingKey(String holder, String source, String resource) implements Comparable<HoldingKey> {

    private static final Comparator<HoldingKey> ORDER = Comparator.comparing(HoldingKey::holder)
            .thenComparing(HoldingKey::storedSource).thenComparing(HoldingKey::resource);

    public static HoldingKey member(String userId, String projectId, String resource) {
        return new HoldingKey("user:" + userId, "project:" + projectId, resource);
    }

    public static HoldingKey project(String projectId, String resource) {
        return new HoldingKey("project:" + projectId, null, resource);
    }

    /** The source as stored in the table ({@code ""} for none). */
    public String storedSource() {
        return source == null ? "" : source;
    }

    public static HoldingKey fromStored(String holder, String storedSource, String resource) {
        return new HoldingKey(holder, storedSource.isEmpty() ? null : storedSource, resource);
    }

    /** Locks are always taken in this order, so concurrent commissions cannot deadlock. */
    @Override
    public int compareTo(HoldingKey other) {
        return ORDER.compare(this, other);
    }
}
