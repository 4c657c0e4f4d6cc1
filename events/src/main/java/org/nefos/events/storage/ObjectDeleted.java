package org.nefos.events.storage;

import java.time.Instant;

/**
 * A Pithos object was deleted (a tombstone became current) or moved away. {@code sequence} is the
 * tombstone's version id; {@code size} is the size of the version that stopped being current.
 */
public record ObjectDeleted(String objectId, String account, String projectId, String container, String name,
        long size, long version, long sequence, String deletedBy, Instant deletedAt) {
}
