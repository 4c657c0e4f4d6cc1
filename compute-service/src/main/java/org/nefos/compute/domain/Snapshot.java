package org.nefos.compute.domain;

import java.time.Instant;
import java.util.Map;

/** A snapshot of a volume (cyclades-api.md 3.11); {@code status} is upper-case: CREATING, AVAILABLE, ERROR. */
public record Snapshot(String id, long volumeId, String userId, String name, String description, int size,
        String status, long jobId, Instant created, Instant updated, Map<String, String> metadata) {

    public static final String CREATING = "CREATING";
    public static final String AVAILABLE = "AVAILABLE";
    public static final String ERROR = "ERROR";

    public Snapshot withMetadata(Map<String, String> m) {
        return new Snapshot(id, volumeId, userId, name, description, size, status, jobId, created, updated, m);
    }
}
