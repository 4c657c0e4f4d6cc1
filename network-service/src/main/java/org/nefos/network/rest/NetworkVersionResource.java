package org.nefos.network.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Version documents (no token needed). */
@Path("/network")
@Produces(Views.JSON)
public class NetworkVersionResource {

    @Inject
    Views views;

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
        return Map.of("id", "v2.0", "status", "CURRENT", "updated", "2013-03-11T00:00:00Z",
                "links", List.of(Map.of("rel", "self", "href", views.root() + "/")));
    }
}
