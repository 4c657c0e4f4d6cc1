package org.nefos.network.domain;

import java.time.Instant;
import java.util.List;

/** A port (NIC) and its addresses. */
public record Port(long id, String name, long networkId, String userId, Long deviceId, String macAddress,
        PortStatus status, long sequence, List<FixedIp> fixedIps, Instant created, Instant updated) {

    /** One address of the port: {@code floating} when it is a floating IP held by the port. */
    public record FixedIp(long subnetId, String ipAddress, int version, boolean floating) {
    }
}
