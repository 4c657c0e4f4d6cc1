package org.nefos.network.domain;

/**
 * Port (NIC) status and its transitions (cyclades-api.md 6.4), driven by the server it is attached to.
 * Every transition of a port goes through here.
 */
public enum PortStatus {
    DOWN, BUILD, ACTIVE, ERROR;

    /** Status of a new port: DOWN without a device, otherwise following what is known of the server. */
    public static PortStatus initial(Long deviceId, String serverStatus) {
        if (deviceId == null) {
            return DOWN;
        }
        if ("ACTIVE".equals(serverStatus)) {
            return ACTIVE;
        }
        if ("STOPPED".equals(serverStatus)) {
            return DOWN;
        }
        if ("ERROR".equals(serverStatus)) {
            return ERROR;
        }
        return BUILD;
    }

    /** The status an attached port takes when its server reaches {@code serverStatus}; null = unchanged. */
    public PortStatus onServer(String serverStatus) {
        return switch (serverStatus) {
            case "ACTIVE" -> this == ERROR ? null : ACTIVE;
            case "STOPPED" -> this == ACTIVE || this == BUILD ? DOWN : null;
            case "ERROR" -> this == BUILD ? ERROR : null;
            default -> null;
        };
    }
}
