package org.nefos.storage.blockstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlockStoreTest {

    @TempDir
    Path dir;

    final BlockHasher hasher = new BlockHasher("sha256");

    @Test
    void storesIdenticalBlocksOnceWithoutTrailingZerosAndNoTemporaryFiles() throws IOException {
        LocalBlockStore store = new LocalBlockStore(dir);
        byte[] data = {1, 2, 3, 0, 0};
        String hash = hasher.blockHash(data);
        store.put(hash, data, data.length);
        store.put(hash, data.clone(), data.length);
        assertArrayEquals(new byte[] {1, 2, 3}, store.get(hash));
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            assertEquals(1, regular.size());
            assertEquals(hash, regular.get(0).getFileName().toString());
        }
    }

    @Test
    void reportsMissingHashesOnceInOrder() {
        LocalBlockStore store = new LocalBlockStore(dir);
        byte[] a = {'a'};
        String ha = hasher.blockHash(a);
        store.put(ha, a, 1);
        String hb = hasher.blockHash(new byte[] {'b'});
        String hc = hasher.blockHash(new byte[] {'c'});
        assertEquals(List.of(hc, hb), store.missing(List.of(hc, ha, hb, hc, hb.toUpperCase())));
        assertTrue(store.contains(ha));
    }
}
