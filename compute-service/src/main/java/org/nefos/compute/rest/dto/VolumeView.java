package org.nefos.compute.rest.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nefos.compute.domain.Volume;
import org.nefos.compute.rest.Links;
import org.nefos.platform.json.SynnefoDates;

/** The full volume object (cyclades-api.md 3.9): string id, lower-case status, integer ids inside attachments. */
public record VolumeView(
        String id,
        @JsonProperty("display_name") String displayName,
        List<Map<String, String>> links,
        String status,
        int size,
        @JsonProperty("display_description") String displayDescription,
        @JsonProperty("created_at") String createdAt,
        Map<String, String> metadata,
        @JsonProperty("snapshot_id") String snapshotId,
        @JsonProperty("source_volid") String sourceVolid,
        @JsonProperty("image_id") String imageId,
        List<Attachment> attachments,
        @JsonProperty("volume_type") long volumeType,
        boolean deleted,
        @JsonProperty("delete_on_termination") boolean deleteOnTermination,
        @JsonProperty("user_id") String userId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("shared_to_project") boolean sharedToProject) {

    /** {@code {"server_id": <int>, "volume_id": <int>, "device_index": <int>}}. */
    public record Attachment(@JsonProperty("server_id") long serverId, @JsonProperty("volume_id") long volumeId,
            @JsonProperty("device_index") int deviceIndex) {
    }

    public static VolumeView of(Volume v, Links links) {
        List<Attachment> attachments = v.serverId() == null || v.deleted() ? List.of()
                : List.of(new Attachment(v.serverId(), v.id(), v.deviceIndex() == null ? 0 : v.deviceIndex()));
        return new VolumeView(Long.toString(v.id()), v.name(), links.volume(v.id()), v.status(), v.size(),
                v.description(), SynnefoDates.format(v.created()), v.metadata(), v.snapshotId(), null, v.imageId(),
                attachments, v.volumeType(), v.deleted(), v.deleteOnTermination(), v.userId(), v.project(),
                v.sharedToProject());
    }

    /** The short form of lists and of the create answer: id, display_name, links. */
    public static Map<String, Object> brief(Volume v, Links links) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("id", Long.toString(v.id()));
        out.put("display_name", v.name());
        out.put("links", links.volume(v.id()));
        return out;
    }

    /** The compute API's view of an attachment: the volume id is the attachment id. */
    public static Map<String, Object> attachment(Volume v) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("id", v.id());
        out.put("volumeId", v.id());
        out.put("serverId", v.serverId());
        out.put("device", "");
        return out;
    }
}
