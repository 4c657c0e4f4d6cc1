package org.nefos.events.identity;

import java.time.Instant;

/** A user applied for a new project; it exists now in state {@code uninitialized} (or {@code active} when an admin created it). */
public record ProjectCreated(String projectId, String ownerId, String applicantId, String name, long applicationId,
        String status, long sequence, Instant createdAt) {
}
