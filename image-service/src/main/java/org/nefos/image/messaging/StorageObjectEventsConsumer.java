package org.nefos.image.messaging;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.storage.ObjectChanged;
import org.nefos.events.storage.ObjectDeleted;
import org.nefos.image.domain.ObjectPath;
import org.nefos.image.service.ImageService;
import org.nefos.platform.events.CloudEvent;

/**
 * Pithos facts on {@code storage.object.events}: an image follows its object's new versions (content and
 * metadata changes keep it registered; a move updates its location) and is marked deleted with the object.
 * Sharing and publication events are not applied: image-service writes the read list itself.
 */
@ApplicationScoped
public class StorageObjectEventsConsumer {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    ImageService images;

    @ConfigProperty(name = "quarkus.application.name")
    String group;

    public Uni<Boolean> handle(ConsumerRecord<String, byte[]> record) {
        return handle(CloudEvent.fromRecord(record));
    }

    public Uni<Boolean> handle(CloudEvent event) {
        try {
            if (EventCatalog.OBJECT_CREATED.type().equals(event.type())
                    || EventCatalog.OBJECT_UPDATED.type().equals(event.type())) {
                ObjectChanged c = JSON.readValue(event.data(), ObjectChanged.class);
                return images.objectChanged(group, event.id(), UUID.fromString(c.objectId()),
                        new ObjectPath(c.account(), c.container(), c.name()), c.size(), c.hash(), c.sequence(),
                        c.modifiedAt() == null ? Instant.now() : c.modifiedAt(), c.modifiedBy());
            }
            if (EventCatalog.OBJECT_DELETED.type().equals(event.type())) {
                ObjectDeleted d = JSON.readValue(event.data(), ObjectDeleted.class);
                return images.objectDeleted(group, event.id(), UUID.fromString(d.objectId()),
                        new ObjectPath(d.account(), d.container(), d.name()), d.sequence(),
                        d.deletedAt() == null ? Instant.now() : d.deletedAt(), d.deletedBy());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable object event " + event.id(), e);
        }
        return Uni.createFrom().item(false);
    }
}
