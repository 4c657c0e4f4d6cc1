package org.nefos.compute.reconcile;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The steps the server and the volume reconcilers share, each over its own rows. */
final class Repairs {

    private Repairs() {
    }

    /** One scheduled round: repair stuck jobs, then send decided commissions; a failed round waits for the next. */
    static Uni<Void> round(String what, Supplier<Uni<Integer>> repairStuck, Supplier<Uni<Void>> settleCommissions) {
        return repairStuck.get().chain(() -> settleCommissions.get())
                .onFailure().invoke(e -> Log.warnf("%s reconcile round failed: %s", what, e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Repairs the candidates one after the other; answers how many were repaired. */
    static <T> Uni<Integer> each(Uni<List<T>> candidates, Function<T, Uni<Boolean>> repair) {
        return candidates.chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(repair::apply)
                .collect().asList().map(done -> (int) done.stream().filter(Boolean::booleanValue).count()));
    }

    /** Sends the recorded commission decisions one after the other. */
    static Uni<Void> settleAll(Uni<List<Long>> ids, Function<Long, Uni<Void>> settle) {
        return ids.chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(settle::apply).collect().asList()).replaceWithVoid();
    }

    /**
     * Whether the job found under lock is still the candidate's job and started before the deadline (it may
     * have ended, or been replaced, since the candidates were read).
     */
    static boolean stillStuck(Long jobId, Long candidateJobId, Instant started, Instant before) {
        return jobId != null && jobId.equals(candidateJobId) && started != null && !started.isAfter(before);
    }
}
