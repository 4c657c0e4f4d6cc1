package org.nefos.events.identity;

import java.time.Instant;
import java.util.List;

/** A pending commission was accepted or rejected (the event type says which). */
public record CommissionResolved(long serial, String component, String name, String userId, String projectId,
        List<Provision> provisions, String oldStatus, String newStatus, long sequence, Instant resolvedAt) {
}
