package org.nefos.gateway.routing;

/** The services behind the gateway, each owning some public path prefixes. */
public enum Service {
    IDENTITY("identity-service"),
    COMPUTE("compute-service"),
    NETWORK("network-service"),
    STORAGE("storage-service"),
    IMAGE("image-service");

    private final String displayName;

    Service(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
