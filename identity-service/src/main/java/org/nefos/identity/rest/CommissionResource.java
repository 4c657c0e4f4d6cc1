package org.nefos.identity.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.identity.domain.Commission;
import org.nefos.identity.domain.HoldingKey;
import org.nefos.identity.service.CommissionService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.ServiceToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.SynnefoDates;

/** Quota commissions, scoped to the calling component (identity-api.md 5). */
@Path("/account/v1.0/commissions")
@Produces(Json.UTF8)
@ServiceToken
public class CommissionResource {

    @Inject
    AuthContext auth;

    @Inject
    CommissionService commissions;

    @GET
    public Uni<List<Long>> pending() {
        return commissions.pendingSerials(component());
    }

    @POST
    public Uni<Response> issue(@HeaderParam("Content-Type") String contentType, byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        boolean force = bool(request, "force");
        boolean autoAccept = bool(request, "auto_accept");
        JsonNode nameNode = request.get("name");
        if (nameNode != null && !nameNode.isNull() && !nameNode.isTextual()) {
            throw FaultException.badRequest("Malformed request: 'name' must be a string");
        }
        String name = nameNode == null || nameNode.isNull() ? "" : nameNode.asText();
        List<Commission.Line> lines = provisions(request.get("provisions"));
        return commissions.issue(component(), name, force, autoAccept, lines)
                .map(serial -> Response.status(201).entity(Map.of("serial", serial)).type(Json.UTF8).build());
    }

    @GET
    @Path("/{serial: \\d+}")
    public Uni<Response> get(@PathParam("serial") String serial) {
        Long s = serialOrNull(serial);
        if (s == null) {
            return Uni.createFrom().item(emptyNotFound());
        }
        return commissions.pending(component(), s).map(c -> {
            if (c == null) {
                return emptyNotFound();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("serial", c.serial());
            out.put("name", c.name());
            out.put("issue_time", SynnefoDates.format(c.issueTime()));
            List<Map<String, Object>> provisions = new ArrayList<>();
            for (Commission.Line l : c.lines()) {
                provisions.add(provisionJson(l));
            }
            out.put("provisions", provisions);
            return Response.ok(out).type(Json.UTF8).build();
        });
    }

    @POST
    @Path("/{serial: \\d+}/action")
    public Uni<Response> action(@PathParam("serial") String serial, @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        boolean accept = request.has("accept");
        boolean reject = request.has("reject");
        if (accept == reject) {
            throw FaultException.badRequest("Malformed request: exactly one of 'accept' or 'reject' is required");
        }
        Long s = serialOrNull(serial);
        if (s == null) {
            return Uni.createFrom().item(emptyNotFound());
        }
        return commissions.resolve(component(), s, accept)
                .map(v -> Json.emptyOk())
                .onFailure(CommissionService.NotPending.class).recoverWithItem(e -> emptyNotFound());
    }

    @POST
    @Path("/action")
    public Uni<Map<String, Object>> resolveMany(@HeaderParam("Content-Type") String contentType, byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        List<Long> accept = serials(request.get("accept"), "accept");
        List<Long> reject = serials(request.get("reject"), "reject");
        return commissions.resolveAll(component(), accept, reject).map(r -> {
            List<List<Object>> failed = new ArrayList<>();
            for (var f : r.failed()) {
                Map<String, Object> inner = new LinkedHashMap<>();
                inner.put("code", f.getValue().status());
                inner.put("message", f.getValue().getMessage());
                failed.add(List.of(f.getKey(), Map.of(f.getValue().fault().key(), inner)));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("accepted", r.accepted());
            out.put("rejected", r.rejected());
            out.put("failed", failed);
            return out;
        });
    }

    private String component() {
        return auth.principal().id();
    }

    static List<Commission.Line> provisions(JsonNode node) {
        if (node == null || node.isNull()) {
            throw FaultException.badRequest("Malformed request: 'provisions' is required");
        }
        if (!node.isArray()) {
            throw FaultException.badRequest("Malformed request: 'provisions' must be a list");
        }
        List<Commission.Line> lines = new ArrayList<>();
        for (JsonNode p : node) {
            if (!p.isObject() || !p.has("holder") || !p.has("source") || !p.has("resource") || !p.has("quantity")) {
                throw FaultException.badRequest("Malformed provision " + p);
            }
            JsonNode holder = p.get("holder");
            JsonNode source = p.get("source");
            JsonNode resource = p.get("resource");
            JsonNode quantity = p.get("quantity");
            if (!holder.isTextual() || !(source.isNull() || source.isTextual()) || !resource.isTextual()
                    || !quantity.isIntegralNumber() || !quantity.canConvertToLong()) {
                throw FaultException.badRequest("Malformed provision " + p);
            }
            lines.add(new Commission.Line(new HoldingKey(holder.asText(), source.isNull() ? null : source.asText(),
                    resource.asText()), quantity.asLong()));
        }
        try {
            CommissionService.merge(lines);
        } catch (ArithmeticException e) {
            throw FaultException.badRequest("Malformed request: provision quantities overflow");
        }
        return lines;
    }

    static Map<String, Object> provisionJson(Commission.Line l) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("holder", l.key().holder());
        p.put("source", l.key().source());
        p.put("resource", l.key().resource());
        p.put("quantity", l.quantity());
        return p;
    }

    private static boolean bool(ObjectNode request, String field) {
        JsonNode v = request.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a boolean");
        }
        return v.asBoolean();
    }

    private static List<Long> serials(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a list of serials");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw FaultException.badRequest("Malformed request: '" + field + "' must be a list of serials");
            }
            out.add(n.asLong());
        }
        return out;
    }

    private static Long serialOrNull(String serial) {
        try {
            return Long.parseLong(serial);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Astakos answers an unknown serial with 404 and an empty body. */
    private static Response emptyNotFound() {
        return Response.status(404).type(Json.UTF8).build();
    }
}
