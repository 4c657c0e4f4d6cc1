package org.nefos.storage.streaming;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.nefos.storage.config.StorageConfig;

/**
 * The block buffers of all uploads together: at most {@code capacity} blocks exist at once, whatever the
 * number of concurrent uploads, so the heap holds however many clients write. An upload that finds none free
 * waits (its request paused, so the client is back-pressured) and is handed the next released buffer in
 * arrival order, on its own context.
 */
@ApplicationScoped
public class BlockBuffers {

    private record Waiter(Context context, Consumer<byte[]> grant) {
    }

    private final int blockSize;
    private final int capacity;
    private final ArrayDeque<byte[]> free = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int allocated;

    @Inject
    public BlockBuffers(StorageConfig config) {
        this(config.blockSize(), config.uploadBuffers());
    }

    public BlockBuffers(int blockSize, int capacity) {
        this.blockSize = blockSize;
        this.capacity = Math.max(1, capacity);
    }

    /** Gives a buffer to {@code grant}: now if one is free, else once one is released. */
    public void acquire(Consumer<byte[]> grant) {
        byte[] now;
        synchronized (this) {
            if (!free.isEmpty()) {
                now = free.pop();
            } else if (allocated < capacity) {
                allocated++;
                now = null;
            } else {
                Context context = Vertx.currentContext();
                waiters.add(new Waiter(context, grant));
                return;
            }
        }
        grant.accept(now != null ? now : new byte[blockSize]);
    }

    /** Returns a buffer: to the longest waiting upload, or to the free list. */
    public void release(byte[] buffer) {
        Waiter next;
        synchronized (this) {
            next = waiters.poll();
            if (next == null) {
                free.push(buffer);
                return;
            }
        }
        if (next.context() == null) {
            next.grant().accept(buffer);
        } else {
            next.context().runOnContext(v -> next.grant().accept(buffer));
        }
    }

    public int blockSize() {
        return blockSize;
    }

    /** Buffers in existence (for tests and metrics). */
    public synchronized int allocated() {
        return allocated;
    }

    /** Uploads waiting for a buffer. */
    public synchronized int waiting() {
        return waiters.size();
    }
}
