package org.nefos.compute.client;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.domain.FloatingIp;

/**
 * network-service as compute needs it: the floating IPs behind {@code os-floating-ips} and the ports of server
 * create. Every call is made on behalf of the end user with their own token, so network-service applies its own
 * visibility and ownership rules (one user can never reserve another's port or floating IP through compute).
 * Faults (400, 403, 404, 409, 413) come back as {@code FaultException}s to relay; network-service being
 * unreachable is a 503.
 */
public interface NetworkClient {

    /** The caller's visible floating IPs; with {@code since}, those changed since (deleted ones too). */
    Uni<List<FloatingIp>> floatingIps(String token, Instant since);

    /** Allocates from any public floating-IP pool, charged to the caller's default project. */
    Uni<FloatingIp> allocateFloatingIp(String token);

    /** The floating IP, or null when it is missing or invisible. */
    Uni<FloatingIp> floatingIp(String token, String id);

    /** Releases the floating IP synchronously: 404 when invisible, 409 while attached. */
    Uni<Void> releaseFloatingIp(String token, String id);

    /** The network, or null when it is missing or invisible to the caller. */
    Uni<NetworkRef> network(String token, String id);

    /** Whether the network has an IPv4 subnet: a public one without takes no server NIC (403). */
    Uni<Boolean> hasIpv4Subnet(String token, NetworkRef network);

    /** A new port on {@code networkId} attached to server {@code deviceId} (status BUILD). */
    Uni<PortRef> createPort(String token, String networkId, long deviceId, String fixedIp);

    /** Attaches the caller's unattached port to server {@code deviceId} (DOWN → BUILD); 409 when in use. */
    Uni<PortRef> attachPort(String token, String portId, long deviceId);

    /** Detaches the caller's port from its server again (BUILD → DOWN), undoing {@link #attachPort}. */
    Uni<Void> detachPort(String token, String portId);

    /** Removes the port; a port already gone is not an error. */
    Uni<Void> deletePort(String token, String portId);

    /** What compute reads of a network: public ones take floating IPs only. */
    record NetworkRef(String id, boolean isPublic, boolean deleted, String status, List<String> subnets) {
    }

    /** What compute reads of a port it reserved. */
    record PortRef(String id, String networkId, String deviceId, String status) {
    }
}
