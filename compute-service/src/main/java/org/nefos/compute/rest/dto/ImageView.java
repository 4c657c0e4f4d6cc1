package org.nefos.compute.rest.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nefos.compute.domain.Image;
import org.nefos.compute.rest.Links;
import org.nefos.platform.json.SynnefoDates;

/** The compute view of an image (cyclades-api.md 3.4). */
public record ImageView(
        String id,
        String name,
        String updated,
        String created,
        String status,
        int progress,
        @JsonProperty("user_id") String userId,
        @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("public") boolean isPublic,
        List<Map<String, String>> links,
        Map<String, String> metadata,
        @JsonProperty("is_snapshot") boolean isSnapshot) {

    public static ImageView of(Image i, Links links) {
        String status = switch (i.status()) {
            case "ACTIVE", "SAVING", "ERROR" -> i.status();
            default -> "UNKNOWN";
        };
        return new ImageView(i.id(), i.name(), SynnefoDates.format(i.updated()), SynnefoDates.format(i.created()),
                status, "ACTIVE".equals(status) ? 100 : 0, i.owner(), i.owner(), i.isPublic(), links.image(i.id()),
                i.properties(), i.isSnapshot());
    }

    public static Map<String, Object> brief(Image i) {
        return Map.of("id", i.id(), "name", i.name());
    }
}
