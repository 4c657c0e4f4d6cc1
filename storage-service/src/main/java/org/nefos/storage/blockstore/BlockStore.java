package org.nefos.storage.blockstore;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The content-addressed block store (port). Keys are hex block hashes; values are the block bytes
 * with trailing zeros removed. Implementations are blocking: call them from a worker thread.
 * Inserting a block that already exists is a no-op, so concurrent identical inserts are safe.
 */
public interface BlockStore {

    /** A block written to the store but not yet durable nor visible under its hash. */
    interface Staged {
        /** Makes the block durable and visible under its hash; call exactly once. */
        void commit();
    }

    /** Nothing to commit: the block was already stored. */
    Staged STORED = () -> {
    };

    /** Stores {@code data[0, length)} under {@code hash} (already computed by the caller) unless present. */
    default void put(String hash, byte[] data, int length) {
        stage(hash, data, length).commit();
    }

    /**
     * First half of {@link #put}: copies {@code data[0, length)} out (so the caller may reuse the array as
     * soon as this returns) without waiting for the disk; {@link Staged#commit()} then makes it durable.
     */
    Staged stage(String hash, byte[] data, int length);

    /** The stored bytes of a block (trailing zeros removed); fails when absent. */
    byte[] get(String hash);

    /**
     * Reads the stored bytes of a block from {@code offset} into {@code dst} until it is full or the stored
     * bytes end (the trailing zeros are not stored); returns the number of bytes read.
     */
    default int read(String hash, long offset, ByteBuffer dst) {
        byte[] stored = get(hash);
        int n = (int) Math.max(0, Math.min(dst.remaining(), stored.length - offset));
        dst.put(stored, (int) Math.min(offset, stored.length), n);
        return n;
    }

    boolean contains(String hash);

    /**
     * The hashes of {@code hashes} that are not stored, each once, in order of first appearance. The stored
     * ones are {@linkplain #refresh refreshed}: the caller is about to reference them.
     */
    List<String> missing(Collection<String> hashes);

    // --- garbage collection (see BlockCollector) ------------------------------------------------------------

    /**
     * Marks a stored block as just used, so that the collector leaves it alone for its grace period; false
     * when the block is not stored (or is being collected right now: the caller must store it again).
     */
    boolean refresh(String hash);

    /** The stored blocks last written or refreshed before {@code cutoff}. */
    List<String> idle(Instant cutoff);

    /**
     * First step of removing a block: takes it out of sight (a reader or {@link #refresh} no longer finds it),
     * then checks it was not refreshed since {@code cutoff} meanwhile; if it was, it is put back and false is
     * returned. A quarantined block must then be {@linkplain #destroy destroyed} or {@linkplain #restore restored}.
     */
    boolean quarantine(String hash, Instant cutoff);

    /** Puts a quarantined block back (unless it was stored again meanwhile). */
    void restore(String hash);

    /** Deletes a quarantined block for good. */
    void destroy(String hash);

    /**
     * Start of a collection: restores blocks left quarantined by an interrupted one and deletes temporary
     * files of writes that never finished (older than {@code cutoff}); returns how many files it handled.
     */
    int recover(Instant cutoff);
}
