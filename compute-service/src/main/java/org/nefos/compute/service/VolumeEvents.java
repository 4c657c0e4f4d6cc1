package org.nefos.compute.service;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.compute.domain.Snapshot;
import org.nefos.compute.domain.Volume;
import org.nefos.compute.domain.VolumeStateMachine;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventType;
import org.nefos.events.compute.SnapshotChanged;
import org.nefos.events.compute.VolumeChanged;
import org.nefos.events.compute.VolumeCommand;
import org.nefos.platform.outbox.Outbox;

/** Writes block storage facts and backend volume commands into the outbox, on the caller's transaction. */
@ApplicationScoped
public class VolumeEvents {

    @Inject
    Outbox outbox;

    /** A fact on {@code compute.volume.events}: the volume as it is after the change. */
    public Uni<Void> changed(SqlConnection tx, EventType<VolumeChanged> type, Volume v, String project, Long serverId,
            String change, String oldStatus, String newStatus, long sequence) {
        return outbox.append(tx, type, key(v.id()), new VolumeChanged(v.id(), v.userId(), project, serverId,
                v.size(), v.volumeType(), change, oldStatus, newStatus, sequence, Instant.now())).replaceWithVoid();
    }

    /** Work for the backend, on the server command topic keyed by the instance (or the detached volume). */
    public Uni<Void> command(SqlConnection tx, Volume v, Long serverId, String job, long jobId, String snapshotId,
            long sequence) {
        VolumeCommand c = new VolumeCommand(v.id(), serverId, jobId, job, v.userId(), v.project(), v.size(),
                v.diskTemplate(), snapshotId, Map.copyOf(v.metadata()), sequence, Instant.now());
        String key = serverId != null ? ServerEvents.key(serverId) : "volume-" + v.id();
        return outbox.append(tx, commandType(job), key, c).replaceWithVoid();
    }

    public Uni<Void> snapshot(SqlConnection tx, EventType<SnapshotChanged> type, Snapshot s, String change,
            String status) {
        return outbox.append(tx, type, s.id(), new SnapshotChanged(s.id(), s.volumeId(), s.userId(), s.size(), change,
                status, Instant.now())).replaceWithVoid();
    }

    static EventType<VolumeCommand> commandType(String job) {
        return switch (job) {
            case VolumeStateMachine.ATTACH -> EventCatalog.VOLUME_ATTACH;
            case VolumeStateMachine.DETACH -> EventCatalog.VOLUME_DETACH;
            case VolumeStateMachine.DELETE -> EventCatalog.VOLUME_DESTROY;
            case VolumeStateMachine.SNAPSHOT -> EventCatalog.VOLUME_SNAPSHOT;
            default -> throw new IllegalArgumentException("no volume job " + job);
        };
    }

    public static String key(long volumeId) {
        return Long.toString(volumeId);
    }
}
