package org.nefos.storage.service;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Serialises read-modify-write operations on one object path inside this instance (kamaki sends the
 * chunks of {@code append_object} concurrently; each must see the previous one's result). Waiters resume
 * on their own Vert.x context. Across instances the commit's base-version check turns a lost race into 409.
 */
@ApplicationScoped
public class PathLocks {

    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    public <T> Uni<T> serialized(String key, Context context, Supplier<Uni<T>> work) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, mine);
        Uni<Void> turn = previous == null ? Uni.createFrom().voidItem()
                : Uni.createFrom().completionStage(previous).emitOn(r -> context.runOnContext(v -> r.run()));
        return turn.chain(() -> work.get()).onTermination().invoke(() -> {
            tails.remove(key, mine);
            mine.complete(null);
        });
    }
}
