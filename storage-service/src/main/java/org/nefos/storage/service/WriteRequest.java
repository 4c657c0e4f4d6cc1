package org.nefos.storage.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.nefos.storage.domain.Sharing;

/**
 * A new current version to commit: content (hashmap), the complete {@code pithos}-domain metadata of the
 * new version ({@code null} = keep the previous version's), other domains ({@code null} = carry over),
 * the UUID ({@code null} = keep the current one or a new one), sharing and public changes ({@code null} =
 * unchanged) and the write preconditions against the current version.
 */
public record WriteRequest(String user, long size, List<String> hashes, String topHash, String md5,
        String contentType, Map<String, String> meta, String otherMeta, UUID uuid, Sharing sharing,
        Boolean publish, String ifMatch, String ifNoneMatch, boolean requireExisting) {
}
