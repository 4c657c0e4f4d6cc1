package org.nefos.storage.blockstore;

import java.util.Collection;
import java.util.List;

/**
 * The content-addressed block store (port). Keys are hex block hashes; values are the block bytes
 * with trailing zeros removed. Implementations are blocking: call them from a worker thread.
 * Inserting a block that already exists is a no-op, so concurrent identical inserts are safe.
 */
public interface BlockStore {

    /** Stores {@code data[0, length)} under {@code hash} (already computed by the caller) unless present. */
    void put(String hash, byte[] data, int length);

    /** The stored bytes of a block (trailing zeros removed); fails when absent. */
    byte[] get(String hash);

    boolean contains(String hash);

    /** The hashes of {@code hashes} that are not stored, each once, in order of first appearance. */
    List<String> missing(Collection<String> hashes);
}
