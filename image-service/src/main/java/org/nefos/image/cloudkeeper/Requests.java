package org.nefos.image.cloudkeeper;

import org.nefos.image.cloudkeeper.CloudkeeperErrors.Kind;
import org.nefos.image.cloudkeeper.grpc.Appliance;

/** Checks of what the core sends: the fields its own model requires (grpc-occi-cloudkeeper.md A.4). */
final class Requests {

    /** Longest identifier accepted; it becomes part of an object name. */
    static final int MAX_IDENTIFIER = 255;

    private Requests() {
    }

    static void requireAppliance(Appliance a, boolean withImage) {
        require(!a.getIdentifier().isBlank(), "the appliance has no identifier");
        require(a.getIdentifier().length() <= MAX_IDENTIFIER, "the appliance identifier is longer than "
                + MAX_IDENTIFIER + " characters");
        require(!a.getImageListIdentifier().isBlank(), "appliance " + a.getIdentifier() + " has no image list identifier");
        require(!a.getVo().isBlank(), "appliance " + a.getIdentifier() + " has no VO");
        require(!a.getMpuri().isBlank(), "appliance " + a.getIdentifier() + " has no mpuri");
        require(a.getExpirationDate() > 0, "appliance " + a.getIdentifier() + " has no expiration date");
        if (withImage) {
            require(a.hasImage() && !a.getImage().getLocation().isBlank(), "appliance " + a.getIdentifier()
                    + " has no image to upload");
        }
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, message);
        }
    }
}
