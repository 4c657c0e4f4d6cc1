package org.nefos.events.compute;

import java.time.Instant;

/** A snapshot changed: {@code change} is create, available, error, update or delete; {@code size} in GiB. */
public record SnapshotChanged(String snapshotId, long volumeId, String userId, int size, String change,
        String status, Instant changedAt) {
}
