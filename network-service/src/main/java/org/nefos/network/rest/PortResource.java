package org.nefos.network.rest;

import java.util.List;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.network.service.PortService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/** Ports (N12-N16). */
@Path("/network/v2.0/ports")
@Produces(Views.JSON)
@UserToken
public class PortResource {

    @Inject
    PortService ports;

    @Inject
    AuthContext auth;

    @Inject
    Views views;

    @GET
    @Path("/detail{slash: /?}")
    public Uni<Map<String, Object>> detail() {
        return list();
    }

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list() {
        return ports.list(auth.principal()).map(l -> Map.of("ports", l.stream().map(views::port).toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> create(@HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode p = Requests.object(JsonBodies.parseObject(type, body), "port");
        if (p.get("network_id") == null || p.get("network_id").isNull()) {
            throw FaultException.badRequest("Malformed request: 'network_id' is required");
        }
        long networkId = Requests.id(p.get("network_id"), "Malformed request: invalid 'network_id'");
        JsonNode d = p.get("device_id");
        Long deviceId = d == null || d.isNull() || (d.isTextual() && d.asText().isEmpty()) ? null
                : Requests.id(d, "Malformed request: invalid 'device_id'");
        String fixedIp = null;
        JsonNode f = p.get("fixed_ips");
        if (f != null && !f.isNull()) {
            if (!f.isArray() || f.size() > 1) {
                throw FaultException.badRequest("Malformed request: 'fixed_ips' takes at most one address");
            }
            if (f.size() == 1) {
                JsonNode address = f.get(0).get("ip_address");
                if (address == null || !address.isTextual()) {
                    throw FaultException.badRequest("Malformed request: 'fixed_ips' items need an 'ip_address'");
                }
                fixedIp = address.asText();
            }
        }
        List<String> groups = securityGroups(p);
        return ports.create(auth.principal(), networkId, deviceId, fixedIp, Requests.name(p), groups)
                .map(created -> Views.status(201, Map.of("port", views.port(created))));
    }

    @GET
    @Path("/{id}")
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return ports.get(auth.principal(), Requests.pathId(id, "Port")).map(p -> Map.of("port", views.port(p)));
    }

    @PUT
    @Path("/{id}")
    public Uni<Map<String, Object>> update(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        long portId = Requests.pathId(id, "Port");
        ObjectNode p = Requests.object(JsonBodies.parseObject(type, body), "port");
        String name = p.has("name") ? Requests.name(p) : null;
        return ports.update(auth.principal(), portId, name, securityGroups(p))
                .map(u -> Map.of("port", views.port(u)));
    }

    @DELETE
    @Path("/{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return ports.delete(auth.principal(), Requests.pathId(id, "Port")).map(v -> Response.noContent().build());
    }

    private static List<String> securityGroups(ObjectNode p) {
        JsonNode g = p.get("security_groups");
        if (g == null || g.isNull()) {
            return List.of();
        }
        if (!g.isArray()) {
            throw FaultException.badRequest("Malformed request: 'security_groups' must be a list");
        }
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode item : g) {
            if (!item.isTextual() && !item.isIntegralNumber()) {
                throw FaultException.badRequest("Malformed request: security group ids are strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
