package org.nefos.compute.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.domain.VolumeType;
import org.nefos.compute.service.VolumeService;
import org.nefos.platform.auth.UserToken;

/** Volume types (V12, V13): {@code SNF:disk_template} and {@code SNF:detachable}, names equal to templates. */
@Path("/volume/{version: v2(\\.0)?}/types")
@Produces(Wire.JSON)
@UserToken
public class VolumeTypeResource {

    @Inject
    VolumeService volumes;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list() {
        return volumes.types().map(l -> Map.of("volume_types", l.stream().map(VolumeTypeResource::view).toList()));
    }

    @GET
    @Path("/{id: \\d{1,18}}")
    public Uni<Map<String, Object>> get(@PathParam("id") long id) {
        return volumes.type(id).map(t -> Map.of("volume_type", view(t)));
    }

    static Map<String, Object> view(VolumeType t) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("id", t.id());
        out.put("name", t.name());
        out.put("deleted", t.deleted());
        out.put("SNF:disk_template", t.diskTemplate());
        out.put("SNF:detachable", t.detachable());
        return out;
    }
}
