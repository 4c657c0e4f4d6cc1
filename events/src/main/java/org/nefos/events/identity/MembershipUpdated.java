package org.nefos.events.identity;

import java.time.Instant;

/**
 * A membership changed: {@code change} is {@code joined}, {@code enrolled}, {@code accepted},
 * {@code rejected}, {@code cancelled}, {@code left} or {@code removed}; statuses are membership states
 * ({@code oldStatus} null for a new membership). Published keyed by the project id.
 */
public record MembershipUpdated(long membershipId, String projectId, String userId, String change, String oldStatus,
        String newStatus, long sequence, Instant updatedAt) {
}
