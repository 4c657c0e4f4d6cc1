package org.nefos.storage.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One version of an object: its hashmap (ordered block hashes), size, type, {@code pithos}-domain metadata
 * (header form keys) and the opaque metadata of other domains.
 */
public record ObjectVersion(long id, long containerId, String name, UUID uuid, long size, List<String> hashes,
        String topHash, String md5, String contentType, Map<String, String> meta, String otherMeta,
        String modifiedBy, Instant mtime, Cluster cluster) {

    public enum Cluster {
        CURRENT, HISTORY, DELETED;

        public short code() {
            return (short) ordinal();
        }

        public static Cluster of(int code) {
            return values()[code];
        }
    }

    /** The ETag: the MD5 of the content when it is known (streamed uploads), else the Merkle hash. */
    public String etag() {
        return md5 == null || md5.isEmpty() ? topHash : md5;
    }

    public boolean isFolder() {
        return isFolderType(contentType);
    }

    public static boolean isFolderType(String type) {
        if (type == null) {
            return false;
        }
        String t = type.split(";")[0].trim().toLowerCase();
        return t.equals("application/directory") || t.equals("application/folder");
    }

    public String manifest() {
        return meta.get("X-Object-Manifest");
    }
}
