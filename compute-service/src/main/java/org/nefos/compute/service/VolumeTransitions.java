package org.nefos.compute.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.compute.domain.Flavor;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.Snapshot;
import org.nefos.compute.domain.Task;
import org.nefos.compute.domain.Volume;
import org.nefos.compute.domain.VolumeStateMachine;
import org.nefos.compute.repository.SnapshotRepository;
import org.nefos.compute.repository.VolumeRepository;
import org.nefos.events.EventCatalog;
import org.nefos.events.compute.VolumeJobReport;
import org.nefos.platform.outbox.ProcessedEvents;

/**
 * Applies the backend's volume job reports exactly once, moves volumes with their server's build and delete, and
 * sends the volumes' recorded commission decisions to identity (the reconciler retries them).
 */
@ApplicationScoped
public class VolumeTransitions {

    @Inject
    Pool pool;

    @Inject
    VolumeRepository volumes;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    VolumeEvents events;

    @Inject
    ProcessedEvents processed;

    @Inject
    Commissions commissions;

    /** True when the report changed something; false for redeliveries and stale or overtaken jobs. */
    public Uni<Boolean> apply(String eventId, boolean success, VolumeJobReport report) {
        boolean snapshot = VolumeStateMachine.SNAPSHOT.equals(report.operation());
        return pool.withTransaction(tx -> processed
                .firstDelivery(tx, ServerTransitions.GROUP, eventId)
                .chain(first -> {
                    if (!first) {
                        return Uni.createFrom().item(false);
                    }
                    return snapshot ? snapshots.lock(tx, report.snapshotId()).chain(s -> snapshotDone(tx, s, report,
                            success)) : volumes.lock(tx, report.volumeId()).chain(v -> {
                                if (v == null || v.job() == null || v.jobId() == null || v.jobId() != report.jobId()) {
                                    Log.debugf("job %d of volume %d is not pending any more; report ignored",
                                            report.jobId(), report.volumeId());
                                    return Uni.createFrom().item(false);
                                }
                                return finish(tx, v, success).replaceWith(true);
                            });
                }))
                .call(changed -> changed && !snapshot ? settle(report.volumeId()) : Uni.createFrom().voidItem());
    }

    private Uni<Boolean> snapshotDone(SqlConnection tx, Snapshot s, VolumeJobReport report, boolean success) {
        if (s == null || s.jobId() != report.jobId() || !Snapshot.CREATING.equals(s.status())) {
            return Uni.createFrom().item(false);
        }
        String status = success ? Snapshot.AVAILABLE : Snapshot.ERROR;
        return snapshots.update(tx, s.id(), null, null, status)
                .chain(() -> events.snapshot(tx, EventCatalog.SNAPSHOT_UPDATED, s, status.toLowerCase(), status))
                .replaceWith(true);
    }

    /** Fails a snapshot whose job did not end in time (reconciler). */
    public Uni<Boolean> failSnapshot(String id, long jobId) {
        return pool.withTransaction(tx -> snapshots.lock(tx, id).chain(s -> snapshotDone(tx, s,
                new VolumeJobReport(s == null ? 0 : s.volumeId(), null, jobId, VolumeStateMachine.SNAPSHOT, id,
                        "Backend job timed out", java.time.Instant.now()), false)));
    }

    /** Ends the pending job of {@code v} (locked by the caller). */
    public Uni<Void> finish(SqlConnection tx, Volume v, boolean success) {
        String job = v.job();
        String next = VolumeStateMachine.after(v, job, success);
        boolean attached = VolumeStateMachine.attachedAfter(v, job, success);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("status", next);
        set.put("job", null);
        set.put("job_started", null);
        if (!attached) {
            set.put("server_id", null);
            set.put("device_index", null);
        }
        if (VolumeStateMachine.ATTACH.equals(job) && success) {
            set.put("initialized", true);
        }
        boolean pending = v.commissionSerial() != null && v.commissionOutcome() == null;
        if (pending) {
            set.put("commission_outcome", success);
        }
        // create-with-server: the charge holds once the attach job succeeded
        if (VolumeStateMachine.ATTACH.equals(job) && success && pending) {
            set.put("charged", true);
        }
        if (VolumeStateMachine.DELETE.equals(job) && success) {
            set.put("deleted", true);
            set.put("charged", false);
        }
        String change = switch (job) {
            case VolumeStateMachine.ATTACH -> success ? "attach" : "error";
            case VolumeStateMachine.DETACH -> success ? "detach" : "error";
            default -> success ? "delete" : "error";
        };
        var type = VolumeStateMachine.DELETE.equals(job) && success ? EventCatalog.VOLUME_DELETED
                : EventCatalog.VOLUME_UPDATED;
        return volumes.update(tx, v.id(), set).chain(seq -> events.changed(tx, type, v, v.project(),
                attached ? v.serverId() : null, change, v.status(), next, seq));
    }

    // the server's side

    /** The root volume of a server being created, in the create transaction. */
    public Uni<Void> createRoot(SqlConnection tx, Server s, Flavor flavor) {
        return volumes.insert(tx, new VolumeRepository.NewVolume(null, null, flavor.disk(), s.userId(), s.project(),
                false, flavor.volumeType(), s.id(), 0, Volume.CREATING, s.imageId(), null, true, false, null, null,
                null, null))
                .chain(v -> events.changed(tx, EventCatalog.VOLUME_CREATED, v, v.project(), s.id(), "create", null,
                        v.status(), v.sequence()));
    }

    /**
     * The server's job {@code task} ended (server locked by the caller): a build brings its volumes in use (or to
     * error), a destroy deletes every volume attached to it.
     */
    public Uni<Void> serverJobEnded(SqlConnection tx, Server s, Task task, boolean success) {
        if (task != Task.BUILD && !(task == Task.DESTROY && success)) {
            return Uni.createFrom().voidItem();
        }
        return volumes.ofServer(tx, s.id()).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(v -> {
                    Map<String, Object> set = new LinkedHashMap<>();
                    if (task == Task.BUILD) {
                        if (!Volume.CREATING.equals(v.status()) || v.job() != null) {
                            return Uni.createFrom().voidItem();
                        }
                        set.put("status", success ? Volume.IN_USE : Volume.ERROR);
                    } else {
                        set.put("status", Volume.DELETED);
                        set.put("deleted", true);
                        set.put("charged", false);
                        set.put("job", null);
                        set.put("job_started", null);
                        // the server's release covered what the volume held; a pending charge never held
                        if (v.commissionSerial() != null && v.commissionOutcome() == null) {
                            set.put("commission_outcome", false);
                        }
                    }
                    String status = (String) set.get("status");
                    return volumes.update(tx, v.id(), set).chain(seq -> events.changed(tx,
                            task == Task.BUILD ? EventCatalog.VOLUME_UPDATED : EventCatalog.VOLUME_DELETED, v,
                            v.project(), task == Task.BUILD ? s.id() : null,
                            task == Task.BUILD ? (success ? "attach" : "error") : "delete", v.status(), status, seq));
                })
                .collect().asList().replaceWithVoid());
    }

    /** Sends the recorded decision of volume {@code id}, if any; never fails. */
    public Uni<Void> settle(long id) {
        return volumes.commission(pool, id).chain(c -> c == null ? Uni.createFrom().voidItem()
                : commissions.resolve(c[0], c[1] == 1).chain(() -> volumes.clearCommission(pool, id, c[0])))
                .onFailure().invoke(e -> Log.warnf("commission of volume %d not settled yet: %s", id, e.toString()))
                .onFailure().recoverWithNull();
    }
}
