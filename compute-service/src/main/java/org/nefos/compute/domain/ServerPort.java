package org.nefos.compute.domain;

/**
 * One port of a server as compute knows it from {@code network.port.events}: only ACTIVE ports show in the
 * server's {@code attachments} and {@code addresses} (cyclades-api.md 3.2). {@code ipv4}/{@code ipv6} are null
 * when the port has no such address; {@code floating} when its IPv4 is one of the owner's floating IPs.
 */
public record ServerPort(long portId, long serverId, String networkId, String macAddress, String status,
        String ipv4, String ipv6, boolean floating) {

    public boolean active() {
        return "ACTIVE".equals(status);
    }
}
