package org.nefos.network.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventType;
import org.nefos.events.network.PortChanged;
import org.nefos.network.domain.Port;
import org.nefos.platform.outbox.Outbox;

/** Writes {@code network.port.events} into the outbox, in the transaction of the change. */
@ApplicationScoped
public class PortEvents {

    @Inject
    Outbox outbox;

    public Uni<Void> created(SqlConnection tx, Port port) {
        return publish(tx, EventCatalog.PORT_CREATED, port, "create", null, port.status().name(), port.sequence());
    }

    public Uni<Void> updated(SqlConnection tx, Port port, String change, String oldStatus) {
        return publish(tx, EventCatalog.PORT_UPDATED, port, change, oldStatus, port.status().name(), port.sequence());
    }

    public Uni<Void> deleted(SqlConnection tx, Port port) {
        return publish(tx, EventCatalog.PORT_DELETED, port, "delete", port.status().name(), "DELETED",
                port.sequence() + 1);
    }

    private Uni<Void> publish(SqlConnection tx, EventType<PortChanged> type, Port p, String change, String oldStatus,
            String newStatus, long sequence) {
        PortChanged payload = new PortChanged(String.valueOf(p.id()), String.valueOf(p.networkId()), p.userId(),
                p.deviceId() == null ? null : String.valueOf(p.deviceId()), p.macAddress(), change, oldStatus,
                newStatus, p.fixedIps().stream().map(f -> new PortChanged.PortAddress(String.valueOf(f.subnetId()),
                        f.ipAddress(), f.version(), f.floating())).toList(),
                sequence, Instant.now());
        return outbox.append(tx, type, String.valueOf(p.id()), payload).replaceWithVoid();
    }
}
