package org.nefos.storage.blockstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Partial-update block arithmetic with tiny blocks: the result equals a fresh upload of the expected bytes. */
class BlockPatcherTest {

    static final int BS = 4;
    final BlockHasher hasher = new BlockHasher("sha256");

    List<String> upload(BlockStore store, byte[] data) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < data.length; i += BS) {
            int n = Math.min(BS, data.length - i);
            String h = hasher.blockHash(data, i, n);
            store.put(h, java.util.Arrays.copyOfRange(data, i, i + n), n);
            hashes.add(h);
        }
        return hashes.isEmpty() ? List.of(hasher.emptyHash()) : hashes;
    }

    byte[] download(BlockPatcher p, List<String> hashes, long size) {
        byte[] out = new byte[(int) size];
        p.read(hashes, 0, out, out.length);
        return out;
    }

    BlockPatcher.Result write(BlockPatcher p, List<String> hashes, long size, long offset, byte[] data, Long cut) {
        List<String> blocks = p.blocksOf(hashes, size);
        Map<Integer, String> patched = new HashMap<>();
        long done = 0;
        while (done < data.length) {
            long pos = offset + done;
            int at = (int) (pos % BS);
            int n = (int) Math.min(BS - at, data.length - done);
            patched.put((int) (pos / BS), p.patch(blocks, (int) (pos / BS), at, data, (int) done, n));
            done += n;
        }
        return p.assemble(blocks, size, offset, data.length, patched, cut);
    }

    @Test
    void appendOverwriteAndTruncateMatchAFreshUpload() throws Exception {
        Path dir = Files.createTempDirectory("patch-");
        LocalBlockStore store = new LocalBlockStore(dir);
        store.put(hasher.emptyHash(), new byte[0], 0);
        BlockPatcher p = new BlockPatcher(store, hasher, BS);
        List<String> h = upload(store, "abcdef".getBytes());

        BlockPatcher.Result appended = write(p, h, 6, 6, "ghij".getBytes(), null);
        assertEquals(10, appended.size());
        assertArrayEquals("abcdefghij".getBytes(), download(p, appended.hashes(), appended.size()));
        assertEquals(upload(store, "abcdefghij".getBytes()), appended.hashes());

        BlockPatcher.Result over = write(p, appended.hashes(), 10, 3, "XYZ".getBytes(), null);
        assertArrayEquals("abcXYZghij".getBytes(), download(p, over.hashes(), over.size()));
        assertEquals(upload(store, "abcXYZghij".getBytes()), over.hashes());

        BlockPatcher.Result cut = write(p, over.hashes(), 10, 0, new byte[0], 5L);
        assertEquals(5, cut.size());
        assertArrayEquals("abcXY".getBytes(), download(p, cut.hashes(), cut.size()));
        assertEquals(upload(store, "abcXY".getBytes()), cut.hashes(), "bytes beyond the new end are zeroed");

        BlockPatcher.Result empty = write(p, cut.hashes(), 5, 0, new byte[0], 0L);
        assertEquals(List.of(hasher.emptyHash()), empty.hashes());
        BlockPatcher.Result fromEmpty = write(p, empty.hashes(), 0, 0, "hi".getBytes(), null);
        assertEquals(upload(store, "hi".getBytes()), fromEmpty.hashes());
    }
}
