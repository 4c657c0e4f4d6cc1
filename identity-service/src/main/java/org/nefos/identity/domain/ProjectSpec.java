package org.nefos.identity.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A validated project application request; null fields were not given. */
public record ProjectSpec(String name, UUID owner, String homepage, String description, String comments,
        Instant startDate, Instant endDate, String joinPolicy, String leavePolicy, Long maxMembers,
        Boolean privateProject, Map<String, Application.Capacity> resources) {
}
