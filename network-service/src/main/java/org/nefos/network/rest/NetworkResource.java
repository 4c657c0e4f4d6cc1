package org.nefos.network.rest;

import java.time.Instant;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.network.config.NetworkConfig;
import org.nefos.network.service.FloatingIpService;
import org.nefos.network.service.NetworkService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/** Networks (N1-N6). */
@Path("/network/v2.0/networks")
@Produces(Views.JSON)
@UserToken
public class NetworkResource {

    @Inject
    NetworkService networks;

    @Inject
    AuthContext auth;

    @Inject
    Views views;

    @Inject
    NetworkConfig config;

    @GET
    @Path("/detail{slash: /?}")
    public Uni<Map<String, Object>> detail(@QueryParam("changes-since") String since) {
        return list(since);
    }

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@QueryParam("changes-since") String changesSince) {
        Instant since = ChangesSince.parse(changesSince, config.pollLimit());
        return (since == null ? networks.list(auth.principal()) : networks.changedSince(auth.principal(), since)).map(l -> Map.of("networks", l.stream().map(views::network).toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> create(@HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode n = Requests.object(JsonBodies.parseObject(type, body), "network");
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) {
            throw FaultException.badRequest("Invalid network type");
        }
        String name = Requests.name(n);
        String project = Requests.optionalString(n, "project");
        boolean shared = Requests.optionalBoolean(n, "shared_to_project");
        return networks.create(auth.principal(), t.asText(), name, project, shared)
                .map(created -> Views.status(201, Map.of("network", views.network(created))));
    }

    @GET
    @Path("/{id}")
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return networks.get(auth.principal(), Requests.pathId(id, "Network"))
                .map(n -> Map.of("network", views.network(n)));
    }

    @PUT
    @Path("/{id}")
    public Uni<Map<String, Object>> update(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        long networkId = Requests.pathId(id, "Network");
        ObjectNode n = Requests.object(JsonBodies.parseObject(type, body), "network");
        if (n.get("name") == null) {
            throw FaultException.badRequest("Malformed request: 'name' is required");
        }
        return networks.rename(auth.principal(), networkId, Requests.name(n))
                .map(updated -> Map.of("network", views.network(updated)));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return networks.delete(auth.principal(), Requests.pathId(id, "Network")).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/action")
    public Uni<Response> action(@PathParam("id") String id, @HeaderParam("Content-Type") String type, byte[] body) {
        long networkId = Requests.pathId(id, "Network");
        Reassign r = Reassign.parse(JsonBodies.parseObject(type, body));
        return networks.reassign(auth.principal(), networkId, r.project(), r.shared())
                .map(v -> Response.ok().build());
    }

    /** The body of a reassign action, shared with floating IPs. */
    record Reassign(String project, Boolean shared) {
        static Reassign parse(ObjectNode body) {
            if (body.size() != 1 || !body.has("reassign")) {
                throw FaultException.badRequest("Malformed request: exactly one action, 'reassign', is supported");
            }
            ObjectNode r = Requests.object(body, "reassign");
            String project = Requests.optionalString(r, "project");
            if (project == null) {
                throw FaultException.badRequest("Malformed request: 'project' is required");
            }
            Boolean shared = Requests.optionalBooleanOrNull(r, "shared_to_project");
            if (Boolean.TRUE.equals(shared)) {
                throw FaultException.forbidden("Sharing resources to a project is not enabled");
            }
            return new Reassign(project, shared);
        }
    }
}
