package org.nefos.network.domain;

import java.time.Instant;

/**
 * A floating IP: an address of a public pool network, owned by a user and charged to a project. A released one
 * ({@code deleted}) is only ever seen in a {@code changes-since} list.
 */
public record FloatingIp(long id, String address, long networkId, Long portId, Long instanceId, String userId,
        String projectId, boolean sharedToProject, boolean deleted, Instant created, Instant updated) {
}
