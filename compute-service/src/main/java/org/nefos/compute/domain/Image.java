package org.nefos.compute.domain;

import java.time.Instant;
import java.util.Map;

/** An image as compute sees it (from the image registry). */
public record Image(String id, String name, String owner, boolean isPublic, String status, boolean isSnapshot,
        long sizeBytes, Instant created, Instant updated, Map<String, String> properties) {
}
