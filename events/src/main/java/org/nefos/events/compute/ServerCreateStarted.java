package org.nefos.events.compute;

import java.time.Instant;

/** A server was accepted in BUILD; its quota is reserved under {@code commissionSerial}. */
public record ServerCreateStarted(long serverId, String userId, String projectId, String name, long flavorId,
        String imageId, long commissionSerial, String oldStatus, String newStatus, long sequence,
        Instant createdAt) {
}
