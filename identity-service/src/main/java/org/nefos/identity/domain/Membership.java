package org.nefos.identity.domain;

import java.util.Map;
import java.util.UUID;

/** A user's membership in a project; {@code dates} maps each state ever entered to its latest date. */
public record Membership(long id, UUID project, UUID person, String state, Map<String, String> dates,
        long sequence) {
}
