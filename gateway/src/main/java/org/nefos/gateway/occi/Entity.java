package org.nefos.gateway.occi;

import java.util.List;
import java.util.Map;

/**
 * A resource or link instance as the renderings show it. Locations are relative to the OCCI root
 * ({@code compute/42}); {@code actions} are the type identifiers of the actions applicable now.
 */
public record Entity(Category kind, List<Category> mixins, Map<String, Object> attributes, List<Link> links,
        List<String> actions, String location) {

    /** A link from this resource: target location and kind, the link's own location, kinds and attributes. */
    public record Link(String target, String targetKind, String self, List<String> categories,
            Map<String, Object> attributes) {
    }

    public String id() {
        return String.valueOf(attributes.get("occi.core.id"));
    }
}
