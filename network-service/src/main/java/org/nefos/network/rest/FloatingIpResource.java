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
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/** Floating IPs (N17-N22). */
@Path("/network/v2.0/floatingips")
@Produces(Views.JSON)
@UserToken
public class FloatingIpResource {

    @Inject
    FloatingIpService ips;

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

    /** Without {@code changes-since} only the allocated ones; with it, released ones too ({@code deleted: true}). */
    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@QueryParam("changes-since") String changesSince) {
        Instant since = ChangesSince.parse(changesSince, config.pollLimit());
        return (since == null ? ips.list(auth.principal()) : ips.changedSince(auth.principal(), since))
                .map(l -> Map.of("floatingips", l.stream().map(views::floatingIp).toList()));
    }

    /** 200, not 201: kamaki expects 200. */
    @POST
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> create(@HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode f = Requests.object(JsonBodies.parseObject(type, body), "floatingip");
        JsonNode n = f.get("floating_network_id");
        Long networkId = n == null || n.isNull() ? null
                : Requests.id(n, "Malformed request: invalid 'floating_network_id'");
        String address = Requests.optionalString(f, "floating_ip_address");
        String project = Requests.optionalString(f, "project");
        boolean shared = Requests.optionalBoolean(f, "shared_to_project");
        return ips.create(auth.principal(), networkId, address, project, shared)
                .map(ip -> Map.of("floatingip", views.floatingIp(ip)));
    }

    @GET
    @Path("/{id}")
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return ips.get(auth.principal(), Requests.pathId(id, "Floating IP"))
                .map(ip -> Map.of("floatingip", views.floatingIp(ip)));
    }

    @PUT
    @Path("/{id}")
    public Response update(@PathParam("id") String id) {
        throw new FaultException(Fault.NOT_IMPLEMENTED, "Updating a floating IP is not supported");
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return ips.delete(auth.principal(), Requests.pathId(id, "Floating IP")).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/action")
    public Uni<Response> action(@PathParam("id") String id, @HeaderParam("Content-Type") String type, byte[] body) {
        long ipId = Requests.pathId(id, "Floating IP");
        NetworkResource.Reassign r = NetworkResource.Reassign.parse(JsonBodies.parseObject(type, body));
        return ips.reassign(auth.principal(), ipId, r.project(), r.shared()).map(v -> Response.ok().build());
    }
}
