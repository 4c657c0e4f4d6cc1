package org.nefos.events.compute;

import java.time.Instant;

/**
 * A volume changed: {@code change} names what happened (create, attach, detach, delete, rename, reassign,
 * error); the statuses are the API statuses (lower-case) before and after. {@code serverId} is the server it is
 * attached to afterwards, if any; {@code size} in GiB.
 */
public record VolumeChanged(long volumeId, String userId, String projectId, Long serverId, int size,
        int volumeType, String change, String oldStatus, String newStatus, long sequence, Instant changedAt) {
}
