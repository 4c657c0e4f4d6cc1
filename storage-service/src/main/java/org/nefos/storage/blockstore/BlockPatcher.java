package org.nefos.storage.blockstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Block arithmetic of partial updates: new blocks are the old block (zero-padded, as Pithos serves it)
 * with new bytes laid over it, hashed and stored. Blocking: call from a worker thread.
 */
public final class BlockPatcher {

    private final BlockStore store;
    private final BlockHasher hasher;
    private final int blockSize;

    public BlockPatcher(BlockStore store, BlockHasher hasher, int blockSize) {
        this.store = store;
        this.hasher = hasher;
        this.blockSize = blockSize;
    }

    public int blockSize() {
        return blockSize;
    }

    /** The logical blocks of an object: {@code ceil(size / blockSize)} hashes (none for an empty object). */
    public List<String> blocksOf(List<String> hashes, long size) {
        int n = (int) ((size + blockSize - 1) / blockSize);
        return new ArrayList<>(hashes.subList(0, Math.min(n, hashes.size())));
    }

    /** Block {@code index} of an object with {@code blocks}, with {@code data[off, off+n)} written at {@code at}. */
    public String patch(List<String> blocks, int index, int at, byte[] data, int off, int n) {
        byte[] block;
        if (at == 0 && n == blockSize) {
            block = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, off + n);
        } else {
            block = index < blocks.size() ? padded(blocks.get(index)) : new byte[blockSize];
            System.arraycopy(data, off, block, at, n);
        }
        String hash = hasher.blockHash(block, 0, blockSize);
        store.put(hash, block, blockSize);
        return hash;
    }

    /** A block cut to its first {@code keep} bytes (the rest zeroed), stored; returns its hash. */
    public String cut(String hash, int keep) {
        byte[] block = padded(hash);
        java.util.Arrays.fill(block, keep, blockSize, (byte) 0);
        String h = hasher.blockHash(block, 0, blockSize);
        store.put(h, block, blockSize);
        return h;
    }

    /** Copies {@code n} bytes of an object's data starting at {@code from} into {@code out[0, n)}. */
    public void read(List<String> hashes, long from, byte[] out, int n) {
        int done = 0;
        while (done < n) {
            long pos = from + done;
            int index = (int) (pos / blockSize);
            int at = (int) (pos % blockSize);
            int len = Math.min(blockSize - at, n - done);
            byte[] stored = store.get(hashes.get(index));
            int avail = Math.max(0, Math.min(len, stored.length - at));
            if (avail > 0) {
                System.arraycopy(stored, at, out, done, avail);
            }
            java.util.Arrays.fill(out, done + avail, done + len, (byte) 0);
            done += len;
        }
    }

    /**
     * The hashmap after a write of {@code length} bytes at {@code offset} whose blocks are {@code patched}
     * (index → hash), then an optional truncation to {@code truncate} bytes (never grows).
     */
    public Result assemble(List<String> blocks, long oldSize, long offset, long length, Map<Integer, String> patched,
            Long truncate) {
        List<String> out = new ArrayList<>(blocks);
        patched.forEach((i, h) -> {
            while (out.size() <= i) {
                out.add(hasher.emptyHash());
            }
            out.set(i, h);
        });
        long size = Math.max(oldSize, offset + length);
        if (truncate != null && truncate < size) {
            size = truncate;
            int keep = (int) ((size + blockSize - 1) / blockSize);
            while (out.size() > keep) {
                out.remove(out.size() - 1);
            }
            int tail = (int) (size % blockSize);
            if (tail != 0) {
                out.set(keep - 1, cut(out.get(keep - 1), tail));
            }
        }
        if (out.isEmpty()) {
            out.add(hasher.emptyHash());
        }
        return new Result(size, List.copyOf(out));
    }

    public record Result(long size, List<String> hashes) {
    }

    private byte[] padded(String hash) {
        byte[] stored = store.get(hash);
        byte[] block = new byte[blockSize];
        System.arraycopy(stored, 0, block, 0, Math.min(stored.length, blockSize));
        return block;
    }
}
