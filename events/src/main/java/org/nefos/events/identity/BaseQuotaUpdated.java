package org.nefos.events.identity;

import java.time.Instant;

/** The limit of one resource in a user's system project changed. */
public record BaseQuotaUpdated(String userId, String projectId, String resource, long oldLimit, long newLimit,
        long sequence, Instant updatedAt) {
}
