package org.nefos.events.identity;

import java.time.Instant;

/** A user account was created; {@code projectId} is the user's system project (= the user id). */
public record UserCreated(String userId, String projectId, String email, boolean active, long sequence,
        Instant createdAt) {
}
