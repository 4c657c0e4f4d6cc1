package org.nefos.identity.domain;

import java.time.Instant;
import java.util.UUID;

/** An Astakos project (identity-api.md 6.1); state transitions are in {@link ProjectStates}. */
public record Project(UUID uuid, String name, String state, UUID owner, String homepage, String description,
        Instant created, Instant endDate, String joinPolicy, String leavePolicy, long maxMembers,
        boolean privateProject, boolean systemProject, Instant deactivationDate, Long lastApplication, long sequence) {

    /** Active or suspended: most membership operations need it. */
    public boolean alive() {
        return ProjectStates.ACTIVE.equals(state) || ProjectStates.SUSPENDED.equals(state);
    }

    /** Active, suspended or terminated: holdings exist. */
    public boolean initialized() {
        return alive() || ProjectStates.TERMINATED.equals(state);
    }

    public boolean active() {
        return ProjectStates.ACTIVE.equals(state);
    }
}
