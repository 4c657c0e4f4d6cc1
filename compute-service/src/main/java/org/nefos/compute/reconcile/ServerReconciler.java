package org.nefos.compute.reconcile;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.Server;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.compute.service.Commissions;
import org.nefos.compute.service.ServerTransitions;

/**
 * Repairs drift: a backend job that did not end by its deadline fails through the normal transition code (a
 * stuck BUILD becomes ERROR and keeps its charge until deleted; other jobs' commissions are rejected);
 * decided commissions not yet sent are sent.
 */
@ApplicationScoped
public class ServerReconciler {

    @Inject
    Pool pool;

    @Inject
    ServerRepository servers;

    @Inject
    ServerTransitions transitions;

    @Inject
    Commissions commissions;

    @Inject
    ComputeConfig config;

    @Scheduled(every = "${nefos.compute.reconcile.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return Repairs.round("server", this::repairStuck, this::settleCommissions);
    }

    /** Fails every job older than the deadline; returns how many. */
    public Uni<Integer> repairStuck() {
        Instant before = Instant.now().minus(config.reconcile().deadline());
        return Repairs.each(servers.stuck(pool, before), s -> repair(s, before));
    }

    private Uni<Boolean> repair(Server candidate, Instant before) {
        return pool.withTransaction(tx -> servers.lock(tx, candidate.id()).chain(s -> {
            if (s == null || s.task() == null || !Repairs.stillStuck(s.jobId(), candidate.jobId(), s.taskStarted(),
                    before)) {
                return Uni.createFrom().item(false);
            }
            Log.warnf("server %d: %s job %d timed out", s.id(), s.task(), s.jobId());
            return transitions.finish(tx, s, false, "Backend job timed out").replaceWith(true);
        })).call(repaired -> repaired ? commissions.settle(candidate.id()) : Uni.createFrom().voidItem());
    }

    private Uni<Void> settleCommissions() {
        return Repairs.settleAll(servers.unsettled(pool), commissions::settle);
    }
}
