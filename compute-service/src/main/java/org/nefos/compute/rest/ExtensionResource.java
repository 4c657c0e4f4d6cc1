package org.nefos.compute.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.nefos.platform.auth.UserToken;

/** Extensions (C51, C52): none. */
@Path("/compute/v2.0/extensions")
@Produces(Wire.JSON)
@UserToken
public class ExtensionResource {

    @GET
    @Path("{slash: /?}")
    public Map<String, Object> list() {
        return Map.of("extensions", List.of());
    }

    @GET
    @Path("/{alias}")
    public Response get() {
        return Response.status(404).build();
    }
}
