package org.nefos.image.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A registered image: the Plankton metadata kept by image-service plus the figures of its Pithos object
 * (size, Merkle hash, location, mtime of the current version) as last seen. {@code members} is the object's
 * read list without {@code *}; {@code storedStatus} is an explicit {@code X-Image-Meta-Status}, null when the
 * status follows the object; {@code deletedAt} is set when the object was deleted.
 */
public record Image(UUID id, String account, String container, String objectName, String name, String diskFormat,
        String containerFormat, String storedStatus, String ownerMeta, String description, boolean isPublic,
        List<String> members, Map<String, String> properties, long size, String checksum, long objectVersion,
        Instant updatedAt, Instant deletedAt, long sequence) {

    public String location() {
        return new ObjectPath(account, container, objectName).location();
    }

    /** The list form of the status (unmapped): the stored one, else the object's availability. */
    public String status() {
        if (deletedAt != null) {
            return "DELETED";
        }
        return storedStatus == null || storedStatus.isEmpty() ? "AVAILABLE" : storedStatus;
    }

    /** The header form of the status (pithos-plankton-api.md 6.6). */
    public String headerStatus() {
        return switch (status().toUpperCase(java.util.Locale.ROOT)) {
            case "AVAILABLE" -> "AVAILABLE";
            case "UNAVAILABLE" -> "SAVING";
            case "ERROR" -> "ERROR";
            case "DELETED" -> "DELETED";
            default -> "UNKNOWN";
        };
    }

    public boolean ownedBy(String user) {
        return account.equals(user);
    }

    /** Read access: the owner, a member, or anyone when public. */
    public boolean visibleTo(String user) {
        return ownedBy(user) || isPublic || members.contains(user);
    }

    /** The Pithos read list that carries this image's public flag and members. */
    public List<String> readers() {
        List<String> readers = new java.util.ArrayList<>(members);
        if (isPublic) {
            readers.add("*");
        }
        return readers;
    }
}
