package org.nefos.network.domain;

import java.time.Instant;
import java.util.List;

/** A Cyclades network; {@code userId}/{@code projectId} are null for admin-created public networks. */
public record Network(long id, String name, String userId, String projectId, boolean sharedToProject, String type,
        String status, boolean isPublic, boolean floatingIpPool, boolean deleted, List<Long> subnets,
        Instant created, Instant updated) {

    public static final List<String> TYPES = List.of("MAC_FILTERED", "IP_LESS_ROUTED", "PHYSICAL_VLAN", "CUSTOM");
}
