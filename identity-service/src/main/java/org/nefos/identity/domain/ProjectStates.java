package org.nefos.identity.domain;

import java.util.Set;

/** The states of projects, applications and memberships (identity-api.md 6.8, 7.6) and their legality. */
public final class ProjectStates {

    public static final String UNINITIALIZED = "uninitialized";
    public static final String ACTIVE = "active";
    public static final String SUSPENDED = "suspended";
    public static final String TERMINATED = "terminated";
    public static final String DELETED = "deleted";
    public static final Set<String> PROJECT_STATES = Set.of(UNINITIALIZED, ACTIVE, SUSPENDED, TERMINATED, DELETED);

    public static final String APP_PENDING = "pending";
    public static final String APP_APPROVED = "approved";
    public static final String APP_REPLACED = "replaced";
    public static final String APP_DENIED = "denied";
    public static final String APP_DISMISSED = "dismissed";
    public static final String APP_CANCELLED = "cancelled";

    public static final String M_REQUESTED = "requested";
    public static final String M_ACCEPTED = "accepted";
    public static final String M_LEAVE_REQUESTED = "leave_requested";
    public static final String M_SUSPENDED = "suspended";
    public static final String M_REJECTED = "rejected";
    public static final String M_CANCELLED = "cancelled";
    public static final String M_REMOVED = "removed";

    /** Memberships that count against max_members and hold quota (suspended ones count but hold none). */
    public static final Set<String> COUNTED = Set.of(M_ACCEPTED, M_LEAVE_REQUESTED, M_SUSPENDED);
    /** Memberships whose member may use the project's quota. */
    public static final Set<String> HOLDING = Set.of(M_ACCEPTED, M_LEAVE_REQUESTED);
    /** Memberships that may be replaced by a new join or enroll. */
    public static final Set<String> REUSABLE = Set.of(M_REJECTED, M_CANCELLED, M_REMOVED);

    public static final Set<String> POLICIES = Set.of("auto", "moderated", "closed");

    private ProjectStates() {
    }

    /** Where a project action may start from (identity-api.md 6.7); null means "no such action". */
    public static Set<String> actionSources(String action) {
        return switch (action) {
            case "suspend" -> Set.of(ACTIVE);
            case "unsuspend" -> Set.of(SUSPENDED);
            case "terminate" -> Set.of(ACTIVE, SUSPENDED);
            case "reinstate" -> Set.of(TERMINATED);
            default -> null;
        };
    }

    /** The project state an action leads to. */
    public static String actionTarget(String action) {
        return switch (action) {
            case "suspend" -> SUSPENDED;
            case "unsuspend", "reinstate" -> ACTIVE;
            case "terminate" -> TERMINATED;
            default -> throw new IllegalArgumentException(action);
        };
    }
}
