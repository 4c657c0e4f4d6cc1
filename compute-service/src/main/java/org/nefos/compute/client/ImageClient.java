package org.nefos.compute.client;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.domain.Image;

/** The image registry as compute needs it. Implemented from a seeded table until image-service exists. */
public interface ImageClient {

    /** Images visible to the user, by id. */
    Uni<List<Image>> list(String userId);

    /** The image, or null when it is missing or invisible to the user. */
    Uni<Image> get(String userId, String imageId);

    /** Replaces the image's properties; only its owner may (403 otherwise, 404 when invisible). */
    Uni<Image> setProperties(String userId, String imageId, Map<String, String> properties);
}
