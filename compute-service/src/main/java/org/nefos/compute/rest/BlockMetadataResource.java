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
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/**
 * The metadata of one volume or snapshot (V7–V10, V20–V22): read, merge (POST), replace all (PUT), delete one
 * key (200, empty). Each subclass routes its own kind of id in its class path and reaches its own service.
 */
abstract class BlockMetadataResource {

    @Inject
    AuthContext auth;

    abstract Uni<Map<String, String>> read(Principal caller, String id);

    /** Merges ({@code replace=false}) or replaces all; answers the metadata afterwards. */
    abstract Uni<Map<String, String>> put(Principal caller, String id, Map<String, String> items, boolean replace);

    abstract Uni<Void> delete(Principal caller, String id, String key);

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@PathParam("id") String id) {
        return read(auth.principal(), id).map(m -> Map.of("metadata", m));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> merge(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        return put(auth.principal(), id, items(type, body), false).map(m -> Map.of("metadata", m));
    }

    @PUT
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> replace(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        return put(auth.principal(), id, items(type, body), true).map(m -> Map.of("metadata", m));
    }

    @DELETE
    @Path("/{key}")
    public Uni<Response> deleteKey(@PathParam("id") String id, @PathParam("key") String key) {
        return delete(auth.principal(), id, key).map(x -> Wire.status(200, null));
    }

    private static Map<String, String> items(String type, byte[] body) {
        JsonNode json = JsonBodies.parseObject(type, body);
        if (!json.has("metadata") || !json.get("metadata").isObject()) {
            throw FaultException.badRequest("Malformed request: missing 'metadata' object");
        }
        return Requests.stringMap(json.get("metadata"), "metadata");
    }
}
