package org.nefos.events.network;

import java.time.Instant;
import java.util.List;

/**
 * A port was created, changed status or attachment, or was removed. {@code change} names what happened
 * ({@code create}, {@code update}, {@code activate}, {@code down}, {@code error}, {@code delete}); the
 * statuses are the API statuses before and after ({@code null} before a create, {@code DELETED} after a
 * delete). {@code fixedIps} are the port's addresses after the change.
 */
public record PortChanged(String portId, String networkId, String userId, String deviceId, String macAddress,
        String change, String oldStatus, String newStatus, List<PortAddress> fixedIps, long sequence,
        Instant changedAt) {

    /** One address of a port; {@code floating} when it is one of the owner's floating IPs. */
    public record PortAddress(String subnetId, String ipAddress, int version, boolean floating) {
    }
}
