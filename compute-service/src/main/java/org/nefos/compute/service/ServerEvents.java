package org.nefos.compute.service;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.compute.domain.Flavor;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.Task;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventType;
import org.nefos.events.compute.ServerCommand;
import org.nefos.events.compute.ServerStatusChanged;
import org.nefos.platform.outbox.Outbox;

/** Writes compute's facts and backend commands into the outbox, on the caller's transaction. */
@ApplicationScoped
public class ServerEvents {

    @Inject
    Outbox outbox;

    public Uni<Void> changed(SqlConnection tx, EventType<ServerStatusChanged> type, Server s, String project,
            String change, String oldStatus, String newStatus, String message, long sequence) {
        return outbox.append(tx, type, key(s.id()), new ServerStatusChanged(s.id(), s.userId(), project, change,
                oldStatus, newStatus, message, sequence, Instant.now())).replaceWithVoid();
    }

    public Uni<Void> command(SqlConnection tx, Server s, Task task, long jobId, Flavor flavor,
            Map<String, String> params, long sequence) {
        ServerCommand command = new ServerCommand(s.id(), jobId, task.name(), s.userId(), s.project(),
                new ServerCommand.FlavorSpec(flavor.id(), flavor.vcpus(), flavor.ram(), flavor.disk(),
                        flavor.diskTemplate()),
                s.imageId(), params, sequence, Instant.now());
        return outbox.append(tx, commandType(task), key(s.id()), command).replaceWithVoid();
    }

    static EventType<ServerCommand> commandType(Task task) {
        return switch (task) {
            case BUILD -> EventCatalog.SERVER_BUILD;
            case START -> EventCatalog.SERVER_START;
            case SHUTDOWN -> EventCatalog.SERVER_SHUTDOWN;
            case REBOOT -> EventCatalog.SERVER_REBOOT;
            case RESIZE -> EventCatalog.SERVER_RESIZE;
            case DESTROY -> EventCatalog.SERVER_DESTROY;
        };
    }

    public static String key(long serverId) {
        return Long.toString(serverId);
    }
}
