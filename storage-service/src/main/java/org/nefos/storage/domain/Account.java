package org.nefos.storage.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An account (a user uuid): metadata and groups (lower-case name to member uuids). */
public record Account(String name, Map<String, String> meta, Map<String, List<String>> groups, Instant createdAt,
        Instant modifiedAt) {
}
