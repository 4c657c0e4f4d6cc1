package org.nefos.events.compute;

import java.time.Instant;
import java.util.Map;

/**
 * Work for the backend worker on a volume: {@code operation} is ATTACH, DETACH, DELETE or SNAPSHOT, run as job
 * {@code jobId}. {@code serverId} is the instance the disk is (or is being) attached to, null for a detached
 * volume; {@code snapshotId} is set for SNAPSHOT only. Travels on the server command topic, keyed by the server
 * id (a detached volume's commands by {@code volume-<id>}), so one instance's disk jobs stay in order.
 */
public record VolumeCommand(long volumeId, Long serverId, long jobId, String operation, String userId,
        String projectId, int size, String diskTemplate, String snapshotId, Map<String, String> params,
        long sequence, Instant requestedAt) {
}
