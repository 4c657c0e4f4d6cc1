package org.nefos.compute.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.rest.dto.FlavorView;
import org.nefos.compute.service.FlavorService;
import org.nefos.platform.auth.UserToken;

/** Flavors (C29–C32). */
@Path("/compute/v2.0/flavors")
@Produces(Wire.JSON)
@UserToken
public class FlavorResource {

    @Inject
    FlavorService flavors;

    @Inject
    Links links;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@QueryParam("SNF:is_public") String isPublic,
            @QueryParam("SNF:flavor-access") String access) {
        return flavors.list(isPublic, access).map(l -> Map.of("flavors",
                l.stream().map(f -> FlavorView.brief(f, links)).toList()));
    }

    @GET
    @Path("/detail{slash: /?}")
    public Uni<Map<String, Object>> detail(@QueryParam("SNF:is_public") String isPublic,
            @QueryParam("SNF:flavor-access") String access) {
        return flavors.list(isPublic, access).map(l -> Map.of("flavors",
                l.stream().map(f -> FlavorView.of(f, links)).toList()));
    }

    @GET
    @Path("/{id: \\d{1,18}}")
    public Uni<Map<String, Object>> get(@PathParam("id") long id) {
        return flavors.get(id).map(f -> Map.of("flavor", FlavorView.of(f, links)));
    }

    @GET
    @Path("/{id: \\d{1,18}}/os-extra_specs")
    public Uni<Map<String, Object>> extraSpecs(@PathParam("id") long id) {
        return flavors.get(id).map(f -> Map.of("extra_specs", Map.of()));
    }
}
