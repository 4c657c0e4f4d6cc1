package org.nefos.compute.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.nefos.compute.domain.Keypair;
import org.nefos.platform.json.Requests;
import org.nefos.compute.service.KeypairService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;

/** SSH keypairs (C43–C46). */
@Path("/compute/v2.0/os-keypairs")
@Produces(Wire.JSON)
@UserToken
public class KeypairResource {

    @Inject
    KeypairService keypairs;

    @Inject
    AuthContext auth;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list() {
        return keypairs.list(auth.userId()).map(l -> Map.of("keypairs",
                l.stream().map(k -> Map.of("keypair", brief(k))).toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> create(@HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode keypair = Requests.object(JsonBodies.parseObject(type, body), "keypair");
        if (keypair.get("name") == null || keypair.get("name").isNull()) {
            throw FaultException.badRequest("Malformed request: missing 'name'");
        }
        String name = Requests.requiredString(keypair, "name");
        String publicKey = Requests.optionalString(keypair, "public_key");
        return keypairs.create(auth.userId(), name, publicKey).map(c -> {
            Map<String, Object> out = brief(c.keypair());
            if (c.privateKey() != null) {
                out.put("private_key", c.privateKey());
            }
            return Wire.status(201, Map.of("keypair", out));
        });
    }

    @GET
    @Path("/{name}")
    public Uni<Map<String, Object>> get(@PathParam("name") String name) {
        return keypairs.get(auth.userId(), name).map(k -> {
            Map<String, Object> out = brief(k);
            out.put("deleted", false);
            out.put("id", k.id());
            out.put("created_at", naive(k.createdAt()));
            out.put("updated_at", naive(k.updatedAt()));
            out.put("deleted_at", null);
            return Map.of("keypair", out);
        });
    }

    @DELETE
    @Path("/{name}")
    public Uni<Response> delete(@PathParam("name") String name) {
        return keypairs.delete(auth.userId(), name).map(v -> Wire.noContent());
    }

    /** Upstream's plain-text 500 for the key limit. */
    @ServerExceptionMapper
    public Response tooMany(KeypairService.TooManyKeys e) {
        return Response.status(500).type("text/plain; charset=UTF-8").entity(e.getMessage()).build();
    }

    private static Map<String, Object> brief(Keypair k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", k.name());
        out.put("fingerprint", k.fingerprint());
        out.put("public_key", k.publicKey());
        return out;
    }

    /** Keypair timestamps are naive ISO strings (no offset). */
    private static String naive(java.time.Instant t) {
        return t.atOffset(java.time.ZoneOffset.UTC).toLocalDateTime().toString();
    }
}
