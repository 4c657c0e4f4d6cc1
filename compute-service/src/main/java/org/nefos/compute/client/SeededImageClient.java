package org.nefos.compute.client;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.domain.Image;
import org.nefos.compute.repository.ImageRepository;
import org.nefos.platform.fault.FaultException;

/** Images from compute's own seeded {@code image} table (replaced by an image-service client later). */
@ApplicationScoped
@DefaultBean
public class SeededImageClient implements ImageClient {

    @Inject
    Pool pool;

    @Inject
    ImageRepository images;

    @Override
    public Uni<List<Image>> list(String userId) {
        return images.visible(pool, userId);
    }

    @Override
    public Uni<Image> get(String userId, String imageId) {
        return images.find(pool, userId, imageId);
    }

    @Override
    public Uni<Image> setProperties(String userId, String imageId, Map<String, String> properties) {
        return images.find(pool, userId, imageId).chain(image -> {
            if (image == null) {
                return Uni.createFrom().failure(FaultException.notFound("Image not found."));
            }
            if (!image.owner().equals(userId)) {
                return Uni.createFrom().failure(FaultException.forbidden("Image is not owned by the user."));
            }
            return images.setProperties(pool, imageId, properties).chain(() -> images.find(pool, userId, imageId));
        });
    }
}
