package org.nefos.events.identity;

import java.time.Instant;

/**
 * A user account changed: {@code change} is one of {@code activated}, {@code deactivated},
 * {@code token_renewed}, {@code default_project_changed}, {@code profile_updated}. Never carries a token.
 */
public record UserUpdated(String userId, String projectId, String change, String oldStatus, String newStatus,
        long sequence, Instant updatedAt) {
}
