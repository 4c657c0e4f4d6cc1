package org.nefos.compute.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Block storage version documents (no token needed). */
@Path("/volume")
@Produces(Wire.JSON)
public class VolumeVersionResource {

    @Inject
    Links links;

    @GET
    @Path("{slash: /?}")
    public Map<String, Object> versions() {
        return Map.of("versions", List.of(version()));
    }

    @GET
    @Path("/{version: v2(\\.0)?}{slash: /?}")
    public Map<String, Object> current() {
        return Map.of("version", version());
    }

    private Map<String, Object> version() {
        return Map.of("id", "v2.0", "status", "CURRENT", "updated", "2014-01-01T00:00:00+00:00",
                "links", List.of(Map.of("rel", "self", "href", links.volume() + "/")),
                "media-types", List.of(Map.of("base", "application/json",
                        "type", "application/vnd.openstack.volume+json;version=2")));
    }
}
