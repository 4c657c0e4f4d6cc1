package org.nefos.compute.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import org.nefos.platform.json.Requests;
import org.nefos.compute.service.MetadataService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;

/** Server metadata (C10–C14). */
@Path("/compute/v2.0/servers/{id: \\d{1,18}}/metadata")
@Produces(Wire.JSON)
@UserToken
public class ServerMetadataResource {

    @Inject
    MetadataService metadata;

    @Inject
    AuthContext auth;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@PathParam("id") long id) {
        return metadata.list(auth.principal(), id).map(m -> Map.of("metadata", m));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> update(@PathParam("id") long id, @HeaderParam("Content-Type") String type, byte[] body) {
        JsonNode json = JsonBodies.parseObject(type, body);
        if (!json.has("metadata") || !json.get("metadata").isObject()) {
            throw FaultException.badRequest("Malformed request: missing 'metadata' object");
        }
        Map<String, String> items = Requests.stringMap(json.get("metadata"), "metadata");
        return metadata.merge(auth.principal(), id, items).map(m -> Wire.status(201, Map.of("metadata", m)));
    }

    /** Cyclades routes the collection for GET and POST only: 405 with {@code Allow}, not 400. */
    @PUT
    @Path("{slash: /?}")
    public Response replaceAll(@PathParam("id") long id) {
        throw FaultException.notAllowed("Method not allowed", "GET,POST");
    }

    @DELETE
    @Path("{slash: /?}")
    public Response deleteAll(@PathParam("id") long id) {
        throw FaultException.notAllowed("Method not allowed", "GET,POST");
    }

    @GET
    @Path("/{key}")
    public Uni<Map<String, Object>> get(@PathParam("id") long id, @PathParam("key") String key) {
        return metadata.get(auth.principal(), id, key).map(v -> Map.of("meta", Map.of(key, v)));
    }

    @PUT
    @Path("/{key}")
    public Uni<Response> put(@PathParam("id") long id, @PathParam("key") String key,
            @HeaderParam("Content-Type") String type, byte[] body) {
        Map<String, String> meta = Requests.stringMap(Requests.object(JsonBodies.parseObject(type, body), "meta"),
                "meta");
        if (meta.size() != 1 || !meta.containsKey(key)) {
            throw FaultException.badRequest("Malformed request: 'meta' must hold exactly the key of the URL");
        }
        return metadata.merge(auth.principal(), id, meta).map(m -> Wire.status(201, Map.of("meta", meta)));
    }

    @DELETE
    @Path("/{key}")
    public Uni<Response> delete(@PathParam("id") long id, @PathParam("key") String key) {
        return metadata.delete(auth.principal(), id, key).map(v -> Wire.noContent());
    }
}
