package org.nefos.compute.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * The version documents of one API root (no token needed): the list at the root; each subclass routes its
 * current version, whose path differs per API.
 */
abstract class VersionDocuments {

    @Inject
    Links links;

    @GET
    @Path("{slash: /?}")
    public Map<String, Object> versions() {
        return Map.of("versions", List.of(version()));
    }

    /** The body of the current version's own document. */
    Map<String, Object> currentDocument() {
        return Map.of("version", version());
    }

    /** This API's one version, {@code CURRENT}. */
    abstract Map<String, Object> version();

    static Map<String, Object> document(String updated, String root, String mediaType) {
        return Map.of("id", "v2.0", "status", "CURRENT", "updated", updated,
                "links", List.of(Map.of("rel", "self", "href", root + "/")),
                "media-types", List.of(Map.of("base", "application/json", "type", mediaType)));
    }
}
