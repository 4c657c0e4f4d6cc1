package org.nefos.compute.client;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.domain.Image;

/**
 * The image registry (image-service) as compute needs it. Every call is made with the end user's token, so the
 * registry decides what the user may see and change.
 */
public interface ImageClient {

    /** Images visible to the user, by id. */
    Uni<List<Image>> list(String token);

    /** The image, or null when it is missing or invisible to the user. */
    Uni<Image> get(String token, String imageId);

    /** Replaces the image's properties; only its owner may (403 otherwise, 404 when invisible). */
    Uni<Image> setProperties(String token, String imageId, Map<String, String> properties);

    /** Unregisters the image (its Pithos object stays); only its owner may. */
    Uni<Void> unregister(String token, String imageId);
}
