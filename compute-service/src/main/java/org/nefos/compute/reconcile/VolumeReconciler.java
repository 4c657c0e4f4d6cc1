package org.nefos.compute.reconcile;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
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
        return Repairs.round("volume", this::repairStuck, this::settleCommissions);
    }

    /** Fails every volume and snapshot job older than the deadline; returns how many. */
    public Uni<Integer> repairStuck() {
        Instant before = Instant.now().minus(config.reconcile().deadline());
        Uni<Integer> disks = Repairs.each(volumes.stuck(pool, before), v -> repair(v, before));
        Uni<Integer> snaps = Repairs.each(snapshots.stuck(pool, before),
                s -> transitions.failSnapshot(s.id(), s.jobId()));
        return disks.chain(d -> snaps.map(s -> d + s));
    }

    private Uni<Boolean> repair(Volume candidate, Instant before) {
        return pool.withTransaction(tx -> volumes.lock(tx, candidate.id()).chain(v -> {
            if (v == null || v.job() == null || !Repairs.stillStuck(v.jobId(), candidate.jobId(), v.jobStarted(),
                    before)) {
                return Uni.createFrom().item(false);
            }
            Log.warnf("volume %d: %s job %d timed out", v.id(), v.job(), v.jobId());
            return transitions.finish(tx, v, false).replaceWith(true);
        })).call(repaired -> repaired ? transitions.settle(candidate.id()) : Uni.createFrom().voidItem());
    }

    private Uni<Void> settleCommissions() {
        return Repairs.settleAll(volumes.unsettled(pool), transitions::settle);
    }
}
