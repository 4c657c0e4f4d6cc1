package org.nefos.identity.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.nefos.identity.config.IdentityConfig;

/** The JSON helpers of Astakos' web UI that kamaki's {@code service list} reads. */
@Path("/ui")
@Produces(Json.UTF8)
public class UiResource {

    @Inject
    IdentityConfig config;

    @GET
    @Path("/get_services")
    public List<Map<String, Object>> services() {
        String base = config.publicUrl();
        return List.of(component(1, "astakos", base + "/ui"), component(2, "cyclades", base + "/ui"),
                component(3, "pithos", base + "/ui"));
    }

    @GET
    @Path("/get_menu")
    public List<Map<String, String>> menu() {
        return List.of(Map.of("url", config.publicUrl() + "/ui", "name", "Nefos"));
    }

    private static Map<String, Object> component(int id, String name, String url) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", id);
        c.put("name", name);
        c.put("url", url);
        return c;
    }
}
