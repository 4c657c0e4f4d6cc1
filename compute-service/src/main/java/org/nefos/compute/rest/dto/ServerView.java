package org.nefos.compute.rest.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerVolumes;
import org.nefos.compute.rest.Links;
import org.nefos.platform.json.SynnefoDates;

/** The full server object (cyclades-api.md 3.1). {@code adminPass} only in the create answer. */
@JsonPropertyOrder(alphabetic = false)
public record ServerView(
        long id,
        String name,
        List<Map<String, String>> links,
        @JsonProperty("user_id") String userId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("shared_to_project") boolean sharedToProject,
        String status,
        @JsonProperty("SNF:task_state") String taskState,
        int progress,
        String hostId,
        String created,
        String updated,
        Ref flavor,
        ImageRef image,
        boolean suspended,
        Map<String, String> metadata,
        List<String> tags,
        List<Object> attachments,
        Map<String, Object> addresses,
        List<Long> volumes,
        List<Object> diagnostics,
        @JsonProperty("security_groups") List<Map<String, String>> securityGroups,
        @JsonProperty("key_name") @JsonInclude(JsonInclude.Include.ALWAYS) String keyName,
        @JsonProperty("SNF:key_names") List<String> keyNames,
        @JsonProperty("config_drive") String configDrive,
        String accessIPv4,
        String accessIPv6,
        @JsonProperty("SNF:fqdn") String fqdn,
        @JsonProperty("SNF:port_forwarding") Map<String, Object> portForwarding,
        boolean deleted,
        @JsonProperty("SNF:rescue") boolean rescue,
        @JsonInclude(JsonInclude.Include.NON_NULL) String adminPass) {

    /** {@code {"id": <int>, "links": [...]}}. */
    public record Ref(long id, List<Map<String, String>> links) {
    }

    /** {@code {"id": "<uuid>", "links": [...]}}. */
    public record ImageRef(String id, List<Map<String, String>> links) {
    }

    public static ServerView of(Server s, Links links, String adminPass) {
        return of(s, links, adminPass, ServerAddresses.NONE);
    }

    /** With the server's ACTIVE ports as {@code attachments} and {@code addresses}. */
    public static ServerView of(Server s, Links links, String adminPass, ServerAddresses nics) {
        return of(s, links, adminPass, nics, ServerVolumes.NONE);
    }

    /**
     * And with {@code volumes}: the ids of the server's non-deleted volumes, ascending (root first); a disk job
     * running on the server shows in {@code SNF:task_state}.
     */
    public static ServerView of(Server s, Links links, String adminPass, ServerAddresses nics, ServerVolumes volumes) {
        return new ServerView(s.id(), s.name(), links.server(s.id()), s.userId(), s.project(), s.sharedToProject(),
                adminPass != null ? "BUILD" : s.status(), volumes.taskState(s), s.shownProgress(), "",
                SynnefoDates.format(s.created()), SynnefoDates.format(s.updated()),
                new Ref(s.flavorId(), links.flavor(s.flavorId())), new ImageRef(s.imageId(), links.image(s.imageId())),
                s.suspended(), s.metadata(), s.activeTags(), nics.attachments(), nics.addresses(), volumes.ids(), List.of(),
                List.of(Map.of("name", "default")), s.keyNames().isEmpty() ? null : s.keyNames().get(0),
                s.keyNames(), "", "", "", links.fqdn(s.id()), Map.of(), s.deleted(), s.rescue(), adminPass);
    }

    /** The short form of lists: id, name, links. */
    public static Map<String, Object> brief(Server s, Links links) {
        return Map.of("id", s.id(), "name", s.name(), "links", links.server(s.id()));
    }
}
