package org.nefos.compute.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.Snapshot;
import org.nefos.compute.domain.VolumeStateMachine;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.compute.repository.SnapshotRepository;
import org.nefos.compute.repository.VolumeRepository;
import org.nefos.events.EventCatalog;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.FaultException;

/** Snapshots of attached volumes (cyclades-api.md 5.4): CREATING while the backend job runs, then AVAILABLE. */
@ApplicationScoped
public class SnapshotService {

    @Inject
    Pool pool;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    VolumeRepository volumes;

    @Inject
    ServerRepository servers;

    @Inject
    VolumeEvents events;

    @Inject
    ComputeConfig config;

    public Uni<Snapshot> create(Principal caller, long volumeId, String name, String description,
            Map<String, String> metadata) {
        VolumeService.checkText(name, "display_name");
        VolumeService.checkText(description, "display_description");
        checkMetadata(metadata, Map.of());
        return pool.withTransaction(tx -> volumes.find(tx, volumeId, caller.id(), true).chain(v -> {
            if (v == null) {
                throw FaultException.badRequest("Volume " + volumeId + " not found.");
            }
            VolumeStateMachine.admitSnapshot(v);
            return servers.nextJobId(tx).chain(jobId -> {
                Snapshot s = new Snapshot(UUID.randomUUID().toString(), v.id(), caller.id(),
                        name != null ? name : "Snapshot of volume '" + v.id() + "'", description, v.size(),
                        Snapshot.CREATING, jobId, null, null, Map.of());
                return snapshots.insert(tx, s)
                        .call(saved -> snapshots.putMetadata(tx, saved.id(), metadata))
                        .call(saved -> events.snapshot(tx, EventCatalog.SNAPSHOT_CREATED, saved, "create",
                                saved.status()))
                        .call(saved -> events.command(tx, v, v.serverId(), VolumeStateMachine.SNAPSHOT, jobId,
                                saved.id(), v.sequence()))
                        .map(saved -> saved.withMetadata(Map.copyOf(metadata)));
            });
        }));
    }

    public Uni<Snapshot> get(Principal caller, String id) {
        return snapshots.find(pool, id, caller.id(), false).map(SnapshotService::visible);
    }

    public Uni<List<Snapshot>> list(Principal caller, Instant since) {
        if (since != null && since.isBefore(Instant.now().minus(config.pollLimit()))) {
            throw FaultException.badRequest("Too old changes-since value.");
        }
        return snapshots.list(pool, caller.id(), since);
    }

    public Uni<Snapshot> update(Principal caller, String id, String name, String description) {
        if (name == null && description == null) {
            throw FaultException.badRequest("Nothing to update.");
        }
        VolumeService.checkText(name, "display_name");
        VolumeService.checkText(description, "display_description");
        return pool.withTransaction(tx -> snapshots.find(tx, id, caller.id(), true).map(SnapshotService::visible)
                .chain(s -> snapshots.update(tx, id, name, description, null)
                        .chain(() -> events.snapshot(tx, EventCatalog.SNAPSHOT_UPDATED, s, "update", s.status()))
                        .chain(() -> snapshots.find(tx, id, caller.id(), false))));
    }

    public Uni<Void> delete(Principal caller, String id) {
        return pool.withTransaction(tx -> snapshots.find(tx, id, caller.id(), true).map(SnapshotService::visible)
                .chain(s -> snapshots.delete(tx, id)
                        .chain(() -> events.snapshot(tx, EventCatalog.SNAPSHOT_DELETED, s, "delete", "DELETED"))));
    }

    public Uni<Map<String, String>> putMetadata(Principal caller, String id, Map<String, String> items,
            boolean replace) {
        return pool.withTransaction(tx -> snapshots.find(tx, id, caller.id(), true).map(SnapshotService::visible)
                .chain(s -> {
                    checkMetadata(items, replace ? Map.of() : s.metadata());
                    Map<String, String> after = new java.util.TreeMap<>(replace ? Map.of() : s.metadata());
                    after.putAll(items);
                    return (replace ? snapshots.clearMetadata(tx, id) : Uni.createFrom().voidItem())
                            .chain(() -> snapshots.putMetadata(tx, id, items)).replaceWith(after);
                }));
    }

    public Uni<Void> deleteMetadata(Principal caller, String id, String key) {
        return pool.withTransaction(tx -> snapshots.find(tx, id, caller.id(), true).map(SnapshotService::visible)
                .chain(s -> snapshots.deleteMetadata(tx, id, key).invoke(found -> {
                    if (!found) {
                        throw FaultException.badRequest("Metadata key " + key + " not found.");
                    }
                }).replaceWithVoid()));
    }

    private static void checkMetadata(Map<String, String> items, Map<String, String> existing) {
        VolumeService.checkMetadataItems(items);
        Map<String, String> after = new java.util.HashMap<>(existing);
        after.putAll(items);
        if (after.size() > VolumeService.MAX_METADATA) {
            throw FaultException.badRequest("Snapshots cannot have more than " + VolumeService.MAX_METADATA
                    + " metadata items");
        }
    }

    static Snapshot visible(Snapshot s) {
        if (s == null) {
            throw FaultException.notFound("Snapshot not found.");
        }
        return s;
    }
}
