package org.nefos.compute.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A block device (cyclades-api.md 3.9). {@code status} is the lower-case API status; {@code deviceIndex} 0 is a
 * server's root volume. {@code job} names the pending backend job (ATTACH, DETACH, DELETE), null when idle.
 */
public record Volume(long id, String name, String description, int size, String userId, String project,
        boolean sharedToProject, int volumeType, String diskTemplate, Long serverId, Integer deviceIndex,
        String status, String imageId, String snapshotId, boolean deleteOnTermination, boolean initialized,
        boolean charged, boolean deleted, String job, Long jobId, Instant jobStarted, Long commissionSerial,
        Boolean commissionOutcome, Instant created, Instant updated, long sequence, Map<String, String> metadata) {

    public static final String CREATING = "creating";
    public static final String AVAILABLE = "available";
    public static final String ATTACHING = "attaching";
    public static final String IN_USE = "in_use";
    public static final String DETACHING = "detaching";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";
    public static final String ERROR = "error";

    public boolean root() {
        return deviceIndex != null && deviceIndex == 0;
    }

    public long sizeBytes() {
        return size * Flavor.GIB;
    }

    public Volume withMetadata(Map<String, String> m) {
        return new Volume(id, name, description, size, userId, project, sharedToProject, volumeType, diskTemplate,
                serverId, deviceIndex, status, imageId, snapshotId, deleteOnTermination, initialized, charged, deleted,
                job, jobId, jobStarted, commissionSerial, commissionOutcome, created, updated, sequence, m);
    }
}
