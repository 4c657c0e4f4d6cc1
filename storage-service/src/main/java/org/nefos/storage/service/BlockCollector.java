package org.nefos.storage.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.storage.blockstore.BlockStore;
import org.nefos.storage.config.StorageConfig;
import org.nefos.storage.repository.ObjectRepository;

/**
 * Removes blocks that no object version references any more (after deletes, purges and overwrites in
 * containers without history), mark-and-sweep with a grace period:
 * <ol>
 * <li>the candidates are the blocks not written nor {@linkplain BlockStore#refresh refreshed} for the
 * grace period; every write refreshes all the blocks of its version before its transaction commits;</li>
 * <li>candidates some version references are dropped; each remaining one is quarantined (moved out of
 * sight, then checked still idle: a write that refreshed it before the move keeps it, a write that
 * tries after the move finds it missing and stores it again or fails with 409);</li>
 * <li>the references are checked again (a write that committed meanwhile keeps its blocks) and the
 * quarantined blocks are destroyed.</li>
 * </ol>
 * So a block is destroyed only if, after it left sight, no committed version referenced it and no write
 * had refreshed it within the grace period. The empty block is never collected.
 */
@ApplicationScoped
public class BlockCollector {

    /** Blocks checked against PostgreSQL per query. */
    static final int BATCH = 500;

    /** What one collection did. */
    public record Result(int idle, int destroyed) {
    }

    @Inject
    Pool pool;

    @Inject
    ObjectRepository objects;

    @Inject
    BlockStore store;

    @Inject
    BlockHasher hasher;

    @Inject
    StorageConfig config;

    @Inject
    Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();

    void start(@Observes StartupEvent e) {
        StorageConfig.Gc gc = config.gc();
        if (!gc.enabled()) {
            return;
        }
        vertx.setPeriodic(Math.max(1000, gc.interval().toMillis()), id -> collect(gc.grace()).subscribe().with(
                r -> Log.infof("block collection: %d idle blocks, %d unreferenced ones removed", r.idle(),
                        r.destroyed()),
                failure -> Log.warnf(failure, "block collection failed")));
    }

    /** One collection with the given grace period; a no-op result while another one runs. */
    public Uni<Result> collect(Duration grace) {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(new Result(0, 0));
        }
        Instant cutoff = Instant.now().minus(grace);
        String empty = hasher.emptyHash();
        return blocking(() -> {
            store.recover(cutoff);
            List<String> idle = new ArrayList<>(store.idle(cutoff));
            idle.remove(empty);
            return idle;
        }).chain(idle -> Multi.createFrom().iterable(batches(idle))
                .onItem().transformToUniAndConcatenate(batch -> sweep(batch, cutoff))
                .collect().with(Collectors.summingInt(Integer::intValue))
                .map(destroyed -> new Result(idle.size(), destroyed)))
                .eventually(() -> running.set(false));
    }

    private Uni<Integer> sweep(List<String> batch, Instant cutoff) {
        return objects.referenced(pool, batch)
                .chain(used -> blocking(() -> {
                    List<String> held = new ArrayList<>();
                    for (String h : batch) {
                        if (!used.contains(h) && store.quarantine(h, cutoff)) {
                            held.add(h);
                        }
                    }
                    return held;
                }))
                .chain(held -> objects.referenced(pool, held)
                        .onFailure().call(e -> blocking(() -> restoreAll(held, Set.copyOf(held))))
                        .chain(used -> blocking(() -> restoreAll(held, used))));
    }

    /** Restores the held blocks in {@code used}, destroys the others; returns how many were destroyed. */
    private int restoreAll(List<String> held, Set<String> used) {
        int destroyed = 0;
        for (String h : held) {
            if (used.contains(h)) {
                store.restore(h);
            } else {
                store.destroy(h);
                destroyed++;
            }
        }
        return destroyed;
    }

    private static List<List<String>> batches(List<String> all) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return out;
    }

    private <T> Uni<T> blocking(Callable<T> work) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(work, false).toCompletionStage());
    }
}
