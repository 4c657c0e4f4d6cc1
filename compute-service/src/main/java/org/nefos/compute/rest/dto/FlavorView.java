package org.nefos.compute.rest.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.nefos.compute.domain.Flavor;
import org.nefos.compute.rest.Links;

/** The flavor object (cyclades-api.md 3.3). */
public record FlavorView(
        long id,
        String name,
        List<Map<String, String>> links,
        int ram,
        int disk,
        int vcpus,
        @JsonProperty("os-flavor-access:is_public") boolean isPublic,
        @JsonProperty("SNF:disk_template") String diskTemplate,
        @JsonProperty("SNF:volume_type") int volumeType,
        @JsonProperty("SNF:allow_create") boolean allowCreate,
        @JsonProperty("SNF:flavor-access") List<String> flavorAccess) {

    public static FlavorView of(Flavor f, Links links) {
        return new FlavorView(f.id(), f.name(), links.flavor(f.id()), f.ram(), f.disk(), f.vcpus(), f.isPublic(),
                f.diskTemplate(), f.volumeType(), f.allowCreate(), List.of());
    }

    public static Map<String, Object> brief(Flavor f, Links links) {
        return Map.of("id", f.id(), "name", f.name(), "links", links.flavor(f.id()));
    }
}
