package org.nefos.testing;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/**
 * A large request body generated on the fly, never held in memory: deterministic pseudo-random bytes
 * (a 1 MiB random pattern whose first 8 bytes of every 64 KiB are replaced by the chunk number, so no two
 * 4 MiB blocks are equal and no dedup shortcut applies) at almost no CPU cost. Every byte handed out goes
 * through {@link #sha256} and {@link #md5}, read them once the body is consumed.
 */
public final class GeneratedBody extends InputStream {

    private static final int CHUNK = 64 * 1024;

    public final MessageDigest sha256 = digest("SHA-256");
    public final MessageDigest md5 = digest("MD5");

    private final byte[] pattern = new byte[1 << 20];
    private final byte[] chunk = new byte[CHUNK];
    private final long size;
    private long position;
    private int chunkPos = CHUNK;

    public GeneratedBody(long size) {
        this.size = size;
        new Random(42).nextBytes(pattern);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        if (chunkPos == CHUNK) {
            long index = position / CHUNK;
            System.arraycopy(pattern, (int) ((index * CHUNK) % pattern.length), chunk, 0, CHUNK);
            for (int i = 0; i < 8; i++) {
                chunk[i] = (byte) (index >>> (8 * i));
            }
            chunkPos = 0;
        }
        int n = (int) Math.min(Math.min(len, CHUNK - chunkPos), size - position);
        System.arraycopy(chunk, chunkPos, b, off, n);
        sha256.update(b, off, n);
        md5.update(b, off, n);
        chunkPos += n;
        position += n;
        return n;
    }

    /** What a download was: its length and its SHA-256 (hex). */
    public record Received(long bytes, String sha256) {
    }

    /** Reads {@code in} to its end (and closes it), hashing what arrives. */
    public static Received consume(InputStream in) throws IOException {
        MessageDigest sha = digest("SHA-256");
        long count = 0;
        byte[] buf = new byte[256 * 1024];
        try (in) {
            for (int n; (n = in.read(buf)) > 0;) {
                sha.update(buf, 0, n);
                count += n;
            }
        }
        return new Received(count, HexFormat.of().formatHex(sha.digest()));
    }

    public static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
