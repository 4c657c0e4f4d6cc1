package org.nefos.compute.reconcile;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
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
        return repairStuck().chain(this::settleCommissions)
                .onFailure().invoke(e -> Log.warnf("reconcile round failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Fails every job older than the deadline; returns how many. */
    public Uni<Integer> repairStuck() {
        Instant before = Instant.now().minus(config.reconcile().deadline());
        return servers.stuck(pool, before).chain(stuck -> Multi.createFrom().iterable(stuck)
                .onItem().transformToUniAndConcatenate(s -> repair(s, before))
                .collect().asList().map(done -> (int) done.stream().filter(Boolean::booleanValue).count()));
    }

    private Uni<Boolean> repair(Server candidate, Instant before) {
        return pool.withTransaction(tx -> servers.lock(tx, candidate.id()).chain(s -> {
            if (s == null || s.task() == null || s.jobId() == null || !s.jobId().equals(candidate.jobId())
                    || s.taskStarted() == null || s.taskStarted().isAfter(before)) {
                return Uni.createFrom().item(false);
            }
            Log.warnf("server %d: %s job %d timed out", s.id(), s.task(), s.jobId());
            return transitions.finish(tx, s, false, "Backend job timed out").replaceWith(true);
        })).call(repaired -> repaired ? commissions.settle(candidate.id()) : Uni.createFrom().voidItem());
    }

    private Uni<Void> settleCommissions() {
        return servers.unsettled(pool).chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(commissions::settle).collect().asList()).replaceWithVoid();
    }
}
