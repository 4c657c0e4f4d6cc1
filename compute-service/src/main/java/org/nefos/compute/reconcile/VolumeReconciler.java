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
import org.nefos.compute.domain.Volume;
import org.nefos.compute.repository.SnapshotRepository;
import org.nefos.compute.repository.VolumeRepository;
import org.nefos.compute.service.VolumeTransitions;

/**
 * The block storage side of drift repair: a volume job or snapshot job that did not end by the deadline fails
 * through the normal transition code; decided volume commissions not yet sent are sent.
 */
@ApplicationScoped
public class VolumeReconciler {

    @Inject
    Pool pool;

    @Inject
    VolumeRepository volumes;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    VolumeTransitions transitions;

    @Inject
    ComputeConfig config;

    @Scheduled(every = "${nefos.compute.reconcile.interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return repairStuck().chain(this::settleCommissions)
                .onFailure().invoke(e -> Log.warnf("volume reconcile round failed: %s", e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Fails every volume and snapshot job older than the deadline; returns how many. */
    public Uni<Integer> repairStuck() {
        Instant before = Instant.now().minus(config.reconcile().deadline());
        Uni<Integer> disks = volumes.stuck(pool, before).chain(stuck -> Multi.createFrom().iterable(stuck)
                .onItem().transformToUniAndConcatenate(v -> repair(v, before))
                .collect().asList().map(done -> (int) done.stream().filter(Boolean::booleanValue).count()));
        Uni<Integer> snaps = snapshots.stuck(pool, before).chain(stuck -> Multi.createFrom().iterable(stuck)
                .onItem().transformToUniAndConcatenate(s -> transitions.failSnapshot(s.id(), s.jobId()))
                .collect().asList().map(done -> (int) done.stream().filter(Boolean::booleanValue).count()));
        return disks.chain(d -> snaps.map(s -> d + s));
    }

    private Uni<Boolean> repair(Volume candidate, Instant before) {
        return pool.withTransaction(tx -> volumes.lock(tx, candidate.id()).chain(v -> {
            if (v == null || v.job() == null || v.jobId() == null || !v.jobId().equals(candidate.jobId())
                    || v.jobStarted() == null || v.jobStarted().isAfter(before)) {
                return Uni.createFrom().item(false);
            }
            Log.warnf("volume %d: %s job %d timed out", v.id(), v.job(), v.jobId());
            return transitions.finish(tx, v, false).replaceWith(true);
        })).call(repaired -> repaired ? transitions.settle(candidate.id()) : Uni.createFrom().voidItem());
    }

    private Uni<Void> settleCommissions() {
        return volumes.unsettled(pool).chain(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(transitions::settle).collect().asList()).replaceWithVoid();
    }
}
