package org.nefos.compute.client;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.domain.FloatingIp;
import org.nefos.platform.auth.Principal;

/**
 * network-service as compute needs it: the floating IPs behind {@code os-floating-ips} (and, with the network
 * issue, ports for server create). Faults (404, 409, 413) come back as {@code FaultException}s to relay.
 */
public interface NetworkClient {

    /** The caller's visible floating IPs; with {@code since}, those changed since (deleted ones too). */
    Uni<List<FloatingIp>> floatingIps(Principal caller, Instant since);

    /** Allocates from any public floating-IP pool, charged to the caller's default project. */
    Uni<FloatingIp> allocateFloatingIp(Principal caller);

    /** The floating IP, or null when it is missing or invisible. */
    Uni<FloatingIp> floatingIp(Principal caller, String id);

    /** Releases the floating IP synchronously: 404 when invisible, 409 while attached. */
    Uni<Void> releaseFloatingIp(Principal caller, String id);
}
