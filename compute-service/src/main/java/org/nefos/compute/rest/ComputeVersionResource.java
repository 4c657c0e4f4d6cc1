package org.nefos.compute.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Version documents (no token needed). */
@Path("/compute")
@Produces(Wire.JSON)
public class ComputeVersionResource {

    @Inject
    Links links;

    @GET
    @Path("{slash: /?}")
    public Map<String, Object> versions() {
        return Map.of("versions", List.of(version()));
    }

    @GET
    @Path("/v2.0{slash: /?}")
    public Map<String, Object> current() {
        return Map.of("version", version());
    }

    private Map<String, Object> version() {
        return Map.of("id", "v2.0", "status", "CURRENT", "updated", "2011-01-21T11:33:21-06:00",
                "links", List.of(Map.of("rel", "self", "href", links.compute() + "/")),
                "media-types", List.of(Map.of("base", "application/json",
                        "type", "application/vnd.openstack.compute.v2+json")));
    }
}
