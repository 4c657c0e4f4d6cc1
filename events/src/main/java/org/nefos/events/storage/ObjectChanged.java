package org.nefos.events.storage;

import java.time.Instant;

/**
 * A Pithos object got a new current version (created or updated: data, hashmap, copy, move target,
 * metadata). {@code objectId} is the object UUID (the Kafka key); {@code sequence} is the version id,
 * which grows with every change of the object.
 */
public record ObjectChanged(String objectId, String account, String projectId, String container, String name,
        long size, String hash, String contentType, long version, long sequence, String modifiedBy,
        Instant modifiedAt) {
}
