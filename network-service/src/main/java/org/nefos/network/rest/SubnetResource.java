package org.nefos.network.rest;

import java.util.ArrayList;
import java.util.List;
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
import org.nefos.network.service.SubnetService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/** Subnets (N7-N11). */
@Path("/network/v2.0/subnets")
@Produces(Views.JSON)
@UserToken
public class SubnetResource {

    @Inject
    SubnetService subnets;

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
        return (since == null ? subnets.list(auth.principal()) : subnets.changedSince(auth.principal(), since)).map(l -> Map.of("subnets", l.stream().map(views::subnet).toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> create(@HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode s = Requests.object(JsonBodies.parseObject(type, body), "subnet");
        if (s.get("network_id") == null || s.get("network_id").isNull()) {
            throw FaultException.badRequest("Malformed request: 'network_id' is required");
        }
        long networkId = Requests.id(s.get("network_id"), "Malformed request: invalid 'network_id'");
        JsonNode v = s.get("ip_version");
        int version = 4;
        if (v != null && !v.isNull()) {
            if (!v.isIntegralNumber() || (v.asInt() != 4 && v.asInt() != 6)) {
                throw FaultException.badRequest("Malformed request: 'ip_version' must be 4 or 6");
            }
            version = v.asInt();
        }
        String cidr = Requests.optionalString(s, "cidr");
        JsonNode gw = s.get("gateway_ip");
        boolean gatewayGiven = s.has("gateway_ip");
        String gateway = null;
        if (gw != null && !gw.isNull()) {
            if (!gw.isTextual()) {
                throw FaultException.badRequest("Malformed request: 'gateway_ip' must be a string");
            }
            gateway = gw.asText().isEmpty() ? null : gw.asText();
        }
        boolean dhcp = s.has("enable_dhcp") && !s.get("enable_dhcp").isNull()
                ? bool(s, "enable_dhcp") : true;
        if (version == 6 && s.has("enable_slaac") && !s.get("enable_slaac").isNull()) {
            dhcp = bool(s, "enable_slaac");
        }
        List<String[]> pools = null;
        JsonNode p = s.get("allocation_pools");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) {
                throw FaultException.badRequest("Malformed request: 'allocation_pools' must be a list");
            }
            pools = new ArrayList<>();
            for (JsonNode item : p) {
                if (!item.isObject() || !item.path("start").isTextual() || !item.path("end").isTextual()) {
                    throw FaultException.badRequest("Malformed request: allocation pools are {\"start\", \"end\"}");
                }
                pools.add(new String[] {item.get("start").asText(), item.get("end").asText()});
            }
        }
        String dns = list(s, "dns_nameservers");
        String routes = list(s, "host_routes");
        return subnets.create(auth.principal(), new SubnetService.NewSubnet(networkId, cidr, version, Requests.name(s),
                gatewayGiven, gateway, dhcp, pools, dns, routes))
                .map(created -> Views.status(201, Map.of("subnet", views.subnet(created))));
    }

    @GET
    @Path("/{id}")
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return subnets.get(auth.principal(), Requests.pathId(id, "Subnet")).map(s -> Map.of("subnet", views.subnet(s)));
    }

    @PUT
    @Path("/{id}")
    public Uni<Map<String, Object>> update(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        long subnetId = Requests.pathId(id, "Subnet");
        ObjectNode s = Requests.object(JsonBodies.parseObject(type, body), "subnet");
        if (s.size() != 1 || !s.has("name")) {
            throw FaultException.badRequest("Only the name of a subnet can be updated");
        }
        return subnets.rename(auth.principal(), subnetId, Requests.name(s)).map(u -> Map.of("subnet", views.subnet(u)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        throw FaultException.badRequest("Deletion of a subnet is not supported");
    }

    private static boolean bool(ObjectNode o, String field) {
        if (!o.get(field).isBoolean()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a boolean");
        }
        return o.get(field).asBoolean();
    }

    private static String list(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return "[]";
        }
        if (!v.isArray()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a list");
        }
        return v.toString();
    }
}
