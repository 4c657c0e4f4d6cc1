package org.nefos.storage.blockstore;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Pithos' hash maths: a block hash is the digest of the block with its trailing zero bytes removed;
 * the object ("top") hash is the Merkle root of the block digests, padded with all-zero digests to a
 * power of two.
 */
public final class BlockHasher {

    private static final HexFormat HEX = HexFormat.of();

    private final String algorithm;
    private final String javaName;

    public BlockHasher(String algorithm) {
        this.algorithm = algorithm;
        this.javaName = switch (algorithm.toLowerCase()) {
            case "sha256" -> "SHA-256";
            case "sha1" -> "SHA-1";
            case "sha512" -> "SHA-512";
            case "md5" -> "MD5";
            default -> throw new IllegalArgumentException("unsupported block hash " + algorithm);
        };
        digest();
    }

    /** The algorithm name as advertised ({@code sha256}). */
    public String algorithm() {
        return algorithm;
    }

    public MessageDigest digest() {
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Length of {@code data[offset, offset+length)} once trailing zero bytes are removed. */
    public static int strippedLength(byte[] data, int offset, int length) {
        int end = offset + length;
        while (end > offset && data[end - 1] == 0) {
            end--;
        }
        return end - offset;
    }

    /** The raw digest of one block. */
    public byte[] blockDigest(byte[] data, int offset, int length) {
        MessageDigest md = digest();
        md.update(data, offset, strippedLength(data, offset, length));
        return md.digest();
    }

    public String blockHash(byte[] data, int offset, int length) {
        return HEX.formatHex(blockDigest(data, offset, length));
    }

    public String blockHash(byte[] data) {
        return blockHash(data, 0, data.length);
    }

    /** The hash of the empty block (also of any all-zero block). */
    public String emptyHash() {
        return HEX.formatHex(digest().digest());
    }

    /** The Merkle root of hex block hashes, as hex. */
    public String topHash(List<String> hexHashes) {
        MessageDigest md = digest();
        if (hexHashes.isEmpty()) {
            return HEX.formatHex(md.digest());
        }
        if (hexHashes.size() == 1) {
            return hexHashes.get(0);
        }
        int size = 2;
        while (size < hexHashes.size()) {
            size <<= 1;
        }
        int width = md.getDigestLength();
        List<byte[]> level = new ArrayList<>(size);
        for (String h : hexHashes) {
            level.add(HEX.parseHex(h));
        }
        while (level.size() < size) {
            level.add(new byte[width]);
        }
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i += 2) {
                md.update(level.get(i));
                md.update(level.get(i + 1));
                next.add(md.digest());
            }
            level = next;
        }
        return HEX.formatHex(level.get(0));
    }

    /** True for a well-formed lower- or upper-case hex digest of this algorithm. */
    public boolean isValidHash(String hex) {
        int expected = digest().getDigestLength() * 2;
        if (hex == null || hex.length() != expected) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
