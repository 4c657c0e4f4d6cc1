package org.nefos.identity.domain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A project application: the request that creates a project or modifies one. For a modification the
 * fields that do not change are null.
 */
public record Application(long id, UUID project, String state, UUID applicant, String name, UUID owner,
        String homepage, String description, String comments, Instant startDate, Instant endDate, String joinPolicy,
        String leavePolicy, Long maxMembers, Boolean privateProject, Map<String, Capacity> resources,
        Instant issueDate) {

    /** A resource's capacities in a project. */
    public record Capacity(long projectCapacity, long memberCapacity) {
    }
}
