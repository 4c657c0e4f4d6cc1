package org.nefos.compute.domain;

import java.time.Instant;

/**
 * A floating IP as network-service owns it (cyclades-api.md 3.8). Compute only shows it through the
 * {@code os-floating-ips} routes.
 */
public record FloatingIp(String id, String address, String networkId, String portId, String instanceId,
        String userId, String project, boolean sharedToProject, boolean deleted, Instant updated) {
}
