package org.nefos.storage.blockstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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
    void theRenameIsMadeDurableByAnFsyncOfTheDirectoryAndNewDirectoriesOfTheirParents() {
        List<Path> synced = new java.util.ArrayList<>();
        LocalBlockStore store = new LocalBlockStore(dir) {
            @Override
            protected void syncDirectory(Path directory) throws IOException {
                assertTrue(Files.isDirectory(directory));
                super.syncDirectory(directory);
                synced.add(directory);
            }
        };
        byte[] data = {7, 7, 7};
        String hash = hasher.blockHash(data);
        Path leaf = dir.resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4));
        store.put(hash, data, data.length);
        assertTrue(Files.exists(leaf.resolve(hash)));
        assertEquals(List.of(leaf, leaf.getParent(), dir), synced, "a first block creates both levels");

        synced.clear();
        String neighbour = hash.substring(0, 4) + "0".repeat(hash.length() - 4);
        store.put(neighbour, new byte[] {8}, 1);
        assertEquals(List.of(leaf), synced, "an existing directory only needs the new name synced");

        synced.clear();
        store.put(hash, data, data.length);
        assertEquals(List.of(), synced, "a block already stored is not written again");
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

    private String stored(LocalBlockStore store, String content, Instant writtenAt) throws IOException {
        byte[] data = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String hash = hasher.blockHash(data);
        store.put(hash, data, data.length);
        Files.setLastModifiedTime(store.pathOf(hash), FileTime.from(writtenAt));
        return hash;
    }

    @Test
    void onlyBlocksIdleSinceTheCutoffAreListedAndAStageOrRefreshMakesThemRecentAgain() throws IOException {
        LocalBlockStore store = new LocalBlockStore(dir);
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        String old = stored(store, "old", cutoff.minusSeconds(60));
        String reused = stored(store, "reused", cutoff.minusSeconds(60));
        String restaged = stored(store, "restaged", cutoff.minusSeconds(60));
        stored(store, "recent", Instant.now());
        assertTrue(store.refresh(reused));
        byte[] again = "restaged".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.stage(restaged, again, again.length).commit();
        assertEquals(List.of(old), store.idle(cutoff));
        assertFalse(store.refresh(hasher.blockHash(new byte[] {'x'})), "refreshing an absent block fails");
    }

    @Test
    void aQuarantinedBlockIsOutOfSightAndAWriterThatComesTooLateStoresItAgain() throws IOException {
        LocalBlockStore store = new LocalBlockStore(dir);
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        String h = stored(store, "garbage", cutoff.minusSeconds(60));
        assertTrue(store.quarantine(h, cutoff));
        assertFalse(store.contains(h));
        assertFalse(store.refresh(h), "a refresh after the move fails: the writer must store the block again");
        assertEquals(List.of(h), store.missing(List.of(h)));
        byte[] data = "garbage".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        store.put(h, data, data.length);
        Instant rewritten = Files.getLastModifiedTime(store.pathOf(h)).toInstant();
        store.restore(h);   // the collector saw the new reference: the held copy is dropped, the new one stays
        assertArrayEquals(data, store.get(h));
        assertEquals(rewritten, Files.getLastModifiedTime(store.pathOf(h)).toInstant(), "the new copy is kept");
        assertFalse(Files.exists(store.pathOf(h).resolveSibling(".gc-" + h)));
        store.destroy(h);   // nothing held any more
        assertArrayEquals(data, store.get(h));
    }

    @Test
    void aBlockRefreshedJustBeforeTheCollectorMovesItIsPutBack() throws IOException {
        LocalBlockStore store = new LocalBlockStore(dir);
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        String h = stored(store, "in use", cutoff.minusSeconds(60));
        assertEquals(List.of(h), store.idle(cutoff));   // listed as idle ...
        assertTrue(store.refresh(h));                   // ... then a writer references it
        assertFalse(store.quarantine(h, cutoff));
        assertTrue(store.contains(h));
    }

    @Test
    void recoveryRestoresBlocksLeftQuarantinedAndDropsStaleTemporaryFiles() throws IOException {
        LocalBlockStore store = new LocalBlockStore(dir);
        Instant cutoff = Instant.now().minus(Duration.ofHours(1));
        String h = stored(store, "held", cutoff.minusSeconds(60));
        assertTrue(store.quarantine(h, cutoff));   // the collector stops here (crash)
        Path stale = store.pathOf(h).resolveSibling(".tmp-stale");
        Files.write(stale, new byte[] {1});
        Files.setLastModifiedTime(stale, FileTime.from(cutoff.minusSeconds(60)));
        Path fresh = store.pathOf(h).resolveSibling(".tmp-fresh");
        Files.write(fresh, new byte[] {1});

        assertEquals(2, store.recover(cutoff));

        assertTrue(store.contains(h));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh), "a write in progress keeps its temporary file");
    }
}
