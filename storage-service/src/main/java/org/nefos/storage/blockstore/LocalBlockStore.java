package org.nefos.storage.blockstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Blocks as files {@code <root>/<h[0:2]>/<h[2:4]>/<hash>}: written to a temporary file in the same
 * directory, fsynced, then atomically renamed into place, so a reader never sees a partial block and a
 * crash leaves at most a stray temporary file. A file's modification time is when the block was last
 * written or {@linkplain #refresh refreshed}; the collector removes only blocks idle for its grace period,
 * first moving them to {@code .gc-<hash>} (see {@link #quarantine}).
 */
public class LocalBlockStore implements BlockStore {

    private static final String TEMP = ".tmp-";
    private static final String QUARANTINE = ".gc-";

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
        if (touch(target)) {
            return STORED;
        }
        int stored = BlockHasher.strippedLength(data, 0, length);
        Path temp = target.resolveSibling(TEMP + UUID.randomUUID());
        FileChannel ch = null;
        Path firstCreated;
        try {
            firstCreated = firstMissingDirectory(target.getParent());
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
        return () -> commit(hash, written, temp, target, firstCreated);
    }

    /**
     * fsync, the atomic rename, then an fsync of the directory: a block is visible under its hash only once
     * its bytes are on disk, and its name is on disk before the upload that wrote it commits (a rename lives
     * in the directory, which the file's own fsync does not write). Directories this write created are synced
     * into their parents too. A leaf directory created a moment earlier by a concurrent write of another block
     * is synced into its parent by that write's commit.
     */
    private void commit(String hash, FileChannel ch, Path temp, Path target, Path firstCreated) {
        try {
            try (ch) {
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                Files.deleteIfExists(temp);
            }
            for (Path dir = target.getParent(); dir != null; dir = dir.getParent()) {
                syncDirectory(dir);
                if (firstCreated == null || dir.equals(firstCreated.getParent()) || dir.equals(root)) {
                    break;
                }
            }
        } catch (IOException e) {
            discard(null, temp);
            throw new UncheckedIOException("cannot store block " + hash, e);
        }
    }

    /** Writes a directory's entries to disk (on Linux a directory opened for reading can be fsynced). */
    protected void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The top-most directory of {@code dir}'s path below the root that does not exist yet, or null. */
    private Path firstMissingDirectory(Path dir) {
        Path missing = null;
        for (Path d = dir; d != null && !d.equals(root) && !Files.isDirectory(d); d = d.getParent()) {
            missing = d;
        }
        return missing;
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
        Set<String> present = new HashSet<>();
        for (String h : hashes) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (!result.contains(lower) && !present.contains(lower)) {
                (refresh(lower) ? present : result).add(lower);
            }
        }
        return List.copyOf(result);
    }

    @Override
    public boolean refresh(String hash) {
        return touch(pathOf(hash));
    }

    /** Sets the file's modification time to now; false when it does not exist. */
    private static boolean touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot touch block " + file.getFileName(), e);
        }
    }

    @Override
    public List<String> idle(Instant cutoff) {
        List<String> result = new ArrayList<>();
        try (Stream<Path> files = Files.find(root, 3, (p, attrs) -> attrs.isRegularFile()
                && isHash(p.getFileName().toString()) && attrs.lastModifiedTime().toInstant().isBefore(cutoff))) {
            files.forEach(p -> result.add(p.getFileName().toString()));
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot list blocks", e instanceof IOException io ? io
                    : ((UncheckedIOException) e).getCause());
        }
        return result;
    }

    @Override
    public boolean quarantine(String hash, Instant cutoff) {
        Path target = pathOf(hash);
        Path held = quarantinePath(target);
        try {
            Files.move(target, held, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot quarantine block " + hash, e);
        }
        // a refresh that happened before the move shows in the file's time; one after it failed (its caller
        // stores the block again), so a block still idle now is unused by anyone
        try {
            if (Files.getLastModifiedTime(held).toInstant().isBefore(cutoff)) {
                return true;
            }
        } catch (IOException e) {
            restore(hash);
            throw new UncheckedIOException("cannot quarantine block " + hash, e);
        }
        restore(hash);
        return false;
    }

    @Override
    public void restore(String hash) {
        Path target = pathOf(hash);
        unquarantine(quarantinePath(target), target);
    }

    private static void unquarantine(Path held, Path target) {
        try {
            if (Files.exists(target)) {   // stored again meanwhile, with a fresh time: keep that copy
                Files.deleteIfExists(held);
                return;
            }
            Files.move(held, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException storedAgain) {
            discard(null, held);
        } catch (NoSuchFileException gone) {
            // nothing held
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore block " + target.getFileName(), e);
        }
    }

    @Override
    public void destroy(String hash) {
        try {
            Files.deleteIfExists(quarantinePath(pathOf(hash)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete block " + hash, e);
        }
    }

    @Override
    public int recover(Instant cutoff) {
        int[] handled = {0};
        try (Stream<Path> files = Files.find(root, 3, (p, attrs) -> attrs.isRegularFile()
                && p.getFileName().toString().startsWith("."))) {
            files.forEach(p -> {
                String name = p.getFileName().toString();
                try {
                    if (name.startsWith(QUARANTINE)) {
                        unquarantine(p, p.resolveSibling(name.substring(QUARANTINE.length())));
                        handled[0]++;
                    } else if (name.startsWith(TEMP) && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                        Files.deleteIfExists(p);
                        handled[0]++;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list blocks", e);
        }
        return handled[0];
    }

    private static Path quarantinePath(Path target) {
        return target.resolveSibling(QUARANTINE + target.getFileName());
    }

    private static boolean isHash(String name) {
        if (name.isEmpty() || name.length() > 128) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
