package org.nefos.events.identity;

import java.time.Instant;

/**
 * A project or its application changed. {@code change} is one of {@code modification_submitted},
 * {@code approved}, {@code denied}, {@code dismissed}, {@code cancelled}, {@code suspended},
 * {@code unsuspended}, {@code terminated}, {@code reinstated}; statuses are the project's states.
 */
public record ProjectUpdated(String projectId, String ownerId, String change, Long applicationId, String oldStatus,
        String newStatus, long sequence, Instant updatedAt) {
}
