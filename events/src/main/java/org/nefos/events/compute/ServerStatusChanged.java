package org.nefos.events.compute;

import java.time.Instant;

/**
 * A server changed: {@code change} names what happened (create, start, shutdown, reboot, resize,
 * rename, reassign, delete, error); the statuses are the API statuses before and after.
 */
public record ServerStatusChanged(long serverId, String userId, String projectId, String change, String oldStatus,
        String newStatus, String message, long sequence, Instant changedAt) {
}
