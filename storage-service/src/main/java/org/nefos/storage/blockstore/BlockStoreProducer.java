package org.nefos.storage.blockstore;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import org.nefos.storage.config.StorageConfig;

/** Wires the configured block store adapter and hasher. */
@ApplicationScoped
public class BlockStoreProducer {

    @Produces
    @Singleton
    BlockHasher hasher(StorageConfig config) {
        return new BlockHasher(config.blockHash());
    }

    @Produces
    @Singleton
    BlockStore store(StorageConfig config, BlockHasher hasher) {
        Path dir = Path.of(config.blockDir()).toAbsolutePath();
        LocalBlockStore store = new LocalBlockStore(dir);
        // the empty block backs every zero-length object
        store.put(hasher.emptyHash(), new byte[0], 0);
        Log.infof("block store at %s (%d-byte %s blocks)", dir, config.blockSize(), config.blockHash());
        return store;
    }
}
