package org.nefos.storage.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Pithos settings; everything a deployment changes can be set from the environment. */
@ConfigMapping(prefix = "nefos.storage")
public interface StorageConfig {

    /** Block size in bytes (Pithos' PITHOS_BACKEND_BLOCK_SIZE). */
    @WithDefault("4194304")
    int blockSize();

    /** Block hash algorithm, as Python's hashlib names it (PITHOS_BACKEND_HASH_ALGORITHM). */
    @WithDefault("sha256")
    String blockHash();

    /** Directory of the local-filesystem block store. */
    String blockDir();

    /** Scheme + host (+ base path) that public links are built on: {@code <public-url>/public/<token>}. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** Default and maximum listing length (PITHOS_API_LIST_LIMIT). */
    @WithDefault("10000")
    int listLimit();

    /** Largest accepted body of one data PUT (5 GiB as Pithos). */
    @WithDefault("5368709120")
    long maxObjectPut();

    /** Block hashes computed in parallel during one upload (uses the worker pool). */
    @WithDefault("2")
    int uploadParallelism();

    /**
     * Block buffers shared by all uploads (NEFOS_STORAGE_UPLOAD_BUFFERS): the memory of every concurrent upload
     * together is at most this many blocks (12 × 4 MiB = 48 MiB); more uploads wait for a buffer, paused.
     */
    @WithDefault("12")
    int uploadBuffers();

    /** Removal of blocks that no object version references any more. */
    Gc gc();

    interface Gc {

        /** Run the collector periodically (NEFOS_STORAGE_GC_ENABLED). */
        @WithDefault("true")
        boolean enabled();

        /** Time between two collections (NEFOS_STORAGE_GC_INTERVAL). */
        @WithDefault("1h")
        Duration interval();

        /**
         * How long a block stays after it was last written or referenced by a write, referenced or not
         * (NEFOS_STORAGE_GC_GRACE). Must exceed the slowest upload: an upload whose first blocks were
         * collected meanwhile fails with 409 instead of committing.
         */
        @WithDefault("6h")
        Duration grace();
    }
}
