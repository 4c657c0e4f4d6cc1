package org.nefos.storage.domain;

import java.time.Instant;
import java.util.Map;

/** A container with its policy ({@code quota} bytes, 0 = unlimited; {@code versioning}; {@code project}). */
public record Container(long id, String account, String name, long quota, String versioning, String project,
        Map<String, String> meta, Instant createdAt, Instant modifiedAt) {

    public boolean keepsHistory() {
        return "auto".equals(versioning);
    }
}
