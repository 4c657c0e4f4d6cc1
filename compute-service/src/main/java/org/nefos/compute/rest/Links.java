package org.nefos.compute.rest;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.nefos.compute.config.ComputeConfig;

/** Absolute resource links from the configured public URL (self and bookmark, plus alternate for images). */
@ApplicationScoped
public class Links {

    @Inject
    ComputeConfig config;

    public String compute() {
        return strip(config.publicUrl()) + "/compute/v2.0";
    }

    public List<Map<String, String>> server(long id) {
        return pair(compute() + "/servers/" + id);
    }

    public List<Map<String, String>> flavor(long id) {
        return pair(compute() + "/flavors/" + id);
    }

    public List<Map<String, String>> image(String id) {
        String href = compute() + "/images/" + id;
        return List.of(Map.of("rel", "self", "href", href), Map.of("rel", "bookmark", "href", href),
                Map.of("rel", "alternate", "href", strip(config.publicUrl()) + "/image/v1.0/images/" + id));
    }

    /** The block storage root as links use it (kamaki appends /v2.0 to the catalog's {@code <base>/volume}). */
    public String volume() {
        return strip(config.publicUrl()) + "/volume/v2.0";
    }

    public List<Map<String, String>> volume(long id) {
        return pair(volume() + "/volumes/" + id);
    }

    public List<Map<String, String>> snapshot(String id) {
        return pair(volume() + "/snapshots/" + id);
    }

    public String fqdn(long id) {
        return String.format(config.fqdnTemplate(), id);
    }

    private static List<Map<String, String>> pair(String href) {
        return List.of(Map.of("rel", "self", "href", href), Map.of("rel", "bookmark", "href", href));
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
