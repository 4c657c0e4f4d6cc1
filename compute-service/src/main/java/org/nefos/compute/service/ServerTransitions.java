package org.nefos.compute.service;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.compute.domain.OperState;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerStateMachine;
import org.nefos.compute.domain.Task;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventType;
import org.nefos.events.compute.ServerJobReport;
import org.nefos.events.compute.ServerStatusChanged;
import org.nefos.platform.outbox.ProcessedEvents;

/**
 * Applies the backend's job reports to servers, exactly once per event: progress during a build, and at
 * the end the state change, the commission decision and compute's own event. The reconciler fails stuck
 * jobs through the same code.
 */
@ApplicationScoped
public class ServerTransitions {

    public static final String GROUP = "compute-service";

    @Inject
    Pool pool;

    @Inject
    ServerRepository servers;

    @Inject
    ServerEvents events;

    @Inject
    ProcessedEvents processed;

    @Inject
    Commissions commissions;

    @Inject
    VolumeTransitions volumes;

    /** The kind of report, from its event type. */
    public enum Kind {
        PROGRESS, COMPLETED, FAILED
    }

    /** True when the report changed something; false for redeliveries, stale or overtaken jobs. */
    public Uni<Boolean> apply(String eventId, Kind kind, ServerJobReport report) {
        return pool.withTransaction(tx -> processed
                .claim(tx, GROUP, eventId, "job:" + report.jobId(), report.sequence())
                .chain(first -> first ? servers.lock(tx, report.serverId()).chain(s -> applyTo(tx, s, kind, report))
                        : Uni.createFrom().item(false)))
                .call(changed -> changed && kind != Kind.PROGRESS ? commissions.settle(report.serverId())
                        : Uni.createFrom().voidItem());
    }

    private Uni<Boolean> applyTo(SqlConnection tx, Server s, Kind kind, ServerJobReport report) {
        if (s == null || s.task() == null || s.jobId() == null || s.jobId() != report.jobId()) {
            Log.debugf("job %d of server %d is not pending any more; report ignored", report.jobId(),
                    report.serverId());
            return Uni.createFrom().item(false);
        }
        if (kind == Kind.PROGRESS) {
            if (s.task() != Task.BUILD) {
                return Uni.createFrom().item(false);
            }
            return servers.update(tx, s.id(), Map.of("progress", Math.max(s.progress(), report.progress())))
                    .replaceWith(true);
        }
        return finish(tx, s, kind == Kind.COMPLETED, report.message()).replaceWith(true);
    }

    /** Ends the pending job of {@code s} (locked by the caller). */
    public Uni<Void> finish(SqlConnection tx, Server s, boolean success, String message) {
        Task task = s.task();
        OperState next = ServerStateMachine.after(s, task, success);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("operstate", next.name());
        set.put("task", null);
        set.put("task_started", null);
        set.put("message", message);
        // the create commission was accepted with the request: a failed build keeps its charge until the delete
        if (s.commissionSerial() != null && task != Task.BUILD) {
            set.put("commission_outcome", success);
        }
        if (task == Task.BUILD && success) {
            set.put("progress", 100);
        }
        if (task == Task.RESIZE) {
            if (success && s.targetFlavorId() != null) {
                set.put("flavor_id", s.targetFlavorId());
            }
            set.put("target_flavor_id", null);
        }
        if (task == Task.DESTROY && success) {
            set.put("deleted", true);
            set.put("rescue", false);
        }
        String oldStatus = s.status();
        String newStatus = (task == Task.DESTROY && success) ? "DELETED" : statusOf(next);
        Uni<Void> tags = task != Task.BUILD ? Uni.createFrom().voidItem()
                : success ? servers.activateTags(tx, s.id()) : servers.dropPendingTags(tx, s.id());
        return tags.chain(() -> volumes.serverJobEnded(tx, s, task, success))
                .chain(() -> servers.update(tx, s.id(), set))
                .chain(seq -> events.changed(tx, eventType(task, success), s, s.project(),
                        task.action(), oldStatus, newStatus, message, seq));
    }

    private static EventType<ServerStatusChanged> eventType(Task task, boolean success) {
        return switch (task) {
            case BUILD -> success ? EventCatalog.SERVER_CREATE_COMPLETED : EventCatalog.SERVER_CREATE_FAILED;
            case DESTROY -> success ? EventCatalog.SERVER_DELETED : EventCatalog.SERVER_UPDATED;
            default -> EventCatalog.SERVER_UPDATED;
        };
    }

    private static String statusOf(OperState state) {
        return switch (state) {
            case BUILD -> "BUILD";
            case STARTED -> "ACTIVE";
            case STOPPED -> "STOPPED";
            case ERROR -> "ERROR";
            case DESTROYED -> "DELETED";
        };
    }
}
