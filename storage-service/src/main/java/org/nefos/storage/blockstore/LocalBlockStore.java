package org.nefos.storage.blockstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Blocks as files {@code <root>/<h[0:2]>/<h[2:4]>/<hash>}: written to a temporary file in the same
 * directory, fsynced, then atomically renamed into place, so a reader never sees a partial block and a
 * crash leaves at most a stray temporary file.
 */
public class LocalBlockStore implements BlockStore {

    private static final String TEMP = ".tmp-";

    private final Path root;

    public LocalBlockStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create block directory " + root, e);
        }
    }

    Path pathOf(String hash) {
        String h = hash.toLowerCase(Locale.ROOT);
        return root.resolve(h.substring(0, 2)).resolve(h.substring(2, 4)).resolve(h);
    }

    @Override
    public Staged stage(String hash, byte[] data, int length) {
        Path target = pathOf(hash);
        if (Files.exists(target)) {
            return STORED;
        }
        int stored = BlockHasher.strippedLength(data, 0, length);
        Path temp = target.resolveSibling(TEMP + UUID.randomUUID());
        FileChannel ch = null;
        try {
            Files.createDirectories(target.getParent());
            ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ByteBuffer buf = ByteBuffer.wrap(data, 0, stored);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            discard(ch, temp);
            throw new UncheckedIOException("cannot store block " + hash, e);
        }
        FileChannel written = ch;
        return () -> commit(hash, written, temp, target);
    }

    /** fsync, then the atomic rename: a block is visible under its hash only once it is on disk. */
    private static void commit(String hash, FileChannel ch, Path temp, Path target) {
        try {
            try (ch) {
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            discard(null, temp);
            throw new UncheckedIOException("cannot store block " + hash, e);
        }
    }

    private static void discard(FileChannel ch, Path temp) {
        try {
            if (ch != null) {
                ch.close();
            }
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // a stray temporary file is harmless
        }
    }

    @Override
    public byte[] get(String hash) {
        try {
            return Files.readAllBytes(pathOf(hash));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read block " + hash, e);
        }
    }

    @Override
    public int read(String hash, long offset, ByteBuffer dst) {
        try (FileChannel ch = FileChannel.open(pathOf(hash), StandardOpenOption.READ)) {
            int total = 0;
            for (long at = offset; dst.hasRemaining();) {
                int n = ch.read(dst, at);
                if (n < 0) {
                    break;
                }
                total += n;
                at += n;
            }
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read block " + hash, e);
        }
    }

    @Override
    public boolean contains(String hash) {
        return Files.exists(pathOf(hash));
    }

    @Override
    public List<String> missing(Collection<String> hashes) {
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (String h : hashes) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (!result.contains(lower) && !contains(lower)) {
                result.add(lower);
            }
        }
        return List.copyOf(result);
    }
}
