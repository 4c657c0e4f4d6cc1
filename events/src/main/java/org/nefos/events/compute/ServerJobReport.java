package org.nefos.events.compute;

import java.time.Instant;

/**
 * The backend's report on one job: progress (percent), or its end (the event type says completed or
 * failed). {@code sequence} grows per job.
 */
public record ServerJobReport(long serverId, long jobId, String operation, int progress, String message,
        long sequence, Instant reportedAt) {
}
