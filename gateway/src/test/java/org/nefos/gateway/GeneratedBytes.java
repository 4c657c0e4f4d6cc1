package org.nefos.gateway;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deterministic byte stream of any length, produced chunk by chunk so that no test ever holds a
 * whole body in memory. Byte {@code i} depends only on {@code i}, so both ends of a transfer can
 * generate and check the same content independently.
 */
public final class GeneratedBytes {

    public static final long MIB = 1024L * 1024L;
    public static final int CHUNK = 64 * 1024;

    private GeneratedBytes() {
    }

    /** Fills {@code out} with the bytes at positions {@code offset .. offset + out.length - 1}. */
    public static void fill(long offset, byte[] out) {
        for (int i = 0; i < out.length; i++) {
            long x = offset + i;
            x = (x ^ (x >>> 7)) * 0x9E3779B97F4A7C15L;
            out[i] = (byte) (x >>> 56);
        }
    }

    /** The next chunk of a stream of {@code total} bytes starting at {@code offset}, at most {@link #CHUNK} long. */
    public static byte[] chunk(long offset, long total) {
        byte[] out = new byte[(int) Math.min(CHUNK, total - offset)];
        fill(offset, out);
        return out;
    }

    /** SHA-256 of the first {@code total} bytes, computed by streaming. */
    public static String sha256(long total) {
        MessageDigest digest = newDigest();
        for (long offset = 0; offset < total; offset += CHUNK) {
            digest.update(chunk(offset, total));
        }
        return hex(digest);
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }
}
