package org.nefos.events.storage;

import java.time.Instant;
import java.util.List;

/**
 * The permissions of a Pithos object path changed ({@code X-Object-Sharing}): the complete new read and
 * write lists (user uuids, {@code <owner>:<group>} or {@code *}); both empty when sharing was removed.
 * {@code sequence} as in {@link ObjectPublished}.
 */
public record ObjectShared(String objectId, String account, String projectId, String container, String name,
        List<String> readers, List<String> writers, long version, long sequence, String changedBy,
        Instant changedAt) {
}
