package org.nefos.image.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.events.EventType;
import org.nefos.events.image.ImageChanged;
import org.nefos.image.domain.Image;
import org.nefos.platform.outbox.Outbox;

/** Writes {@code image.image.events} into the outbox, in the transaction of the change. */
@ApplicationScoped
public class ImageEvents {

    @Inject
    Outbox outbox;

    public Uni<Void> publish(SqlConnection tx, EventType<ImageChanged> type, Image i, String change, String by) {
        ImageChanged payload = new ImageChanged(i.id().toString(), i.account(), i.name(), i.location(), i.diskFormat(),
                i.containerFormat(), i.status(), i.isPublic(), i.size(), i.checksum(), i.members(), i.properties(),
                change, i.sequence(), by, Instant.now());
        return outbox.append(tx, type, i.id().toString(), payload).replaceWithVoid();
    }
}
