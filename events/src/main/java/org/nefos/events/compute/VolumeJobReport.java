package org.nefos.events.compute;

import java.time.Instant;

/** The backend's report on the end of one volume job (the event type says completed or failed). */
public record VolumeJobReport(long volumeId, Long serverId, long jobId, String operation, String snapshotId,
        String message, Instant reportedAt) {
}
