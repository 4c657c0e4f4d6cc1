package org.nefos.compute.rest.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nefos.compute.domain.Snapshot;
import org.nefos.compute.rest.Links;
import org.nefos.platform.json.SynnefoDates;

/** A snapshot (cyclades-api.md 3.11): upper-case status, {@code "100%"} or the integer 0 as progress. */
public record SnapshotView(
        String id,
        int size,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("display_description") String displayDescription,
        String status,
        @JsonProperty("user_id") String userId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("os-extended-snapshot-attribute:progress") Object progress,
        @JsonProperty("created_at") String createdAt,
        Map<String, String> metadata,
        @JsonProperty("volume_id") String volumeId,
        List<Map<String, String>> links) {

    public static SnapshotView of(Snapshot s, Links links) {
        return new SnapshotView(s.id(), s.size(), s.name(), s.description(), s.status(), s.userId(), s.userId(),
                Snapshot.AVAILABLE.equals(s.status()) ? "100%" : (Object) 0, SynnefoDates.format(s.created()),
                Map.of(), Long.toString(s.volumeId()), links.snapshot(s.id()));
    }
}
