package org.nefos.events.image;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Plankton image was registered, changed (metadata, public flag, members, or its Pithos object's new
 * content or location), unregistered, or lost its object. {@code imageId} is the Pithos object UUID (the
 * Kafka key); {@code userId} is the owner (the object's account); {@code change} names what happened
 * ({@code register}, {@code update}, {@code members}, {@code object}, {@code unregister},
 * {@code object_deleted}); {@code status} is the image status after the
 * change ({@code DELETED} after an unregister or an object deletion); {@code sequence} grows with every
 * change of the image.
 */
public record ImageChanged(String imageId, String userId, String name, String location, String diskFormat,
        String containerFormat, String status, boolean isPublic, long size, String checksum, List<String> members,
        Map<String, String> properties, String change, long sequence, String changedBy, Instant changedAt) {
}
