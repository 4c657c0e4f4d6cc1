package org.nefos.compute.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.platform.json.Requests;
import org.nefos.compute.service.ServerActionService;
import org.nefos.compute.service.ServerPortService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;

/** {@code POST /servers/{id}/action} (C7, cyclades-api.md 2.5). */
@Path("/compute/v2.0/servers/{id: \\d{1,18}}/action")
@Produces(Wire.JSON)
@UserToken
public class ServerActionResource {

    private static final Set<String> CONSOLE_TYPES = Set.of("vnc", "vnc-ws", "vnc-wss");
    private static final Set<String> PROFILES = Set.of("ENABLED", "DISABLED", "PROTECTED");

    @Inject
    ServerActionService actions;

    @Inject
    AuthContext auth;

    @Inject
    ServerPortService nics;

    @POST
    public Uni<Response> act(@PathParam("id") long id, @HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode request = JsonBodies.parseObject(type, body);
        if (request.isEmpty()) {
            throw FaultException.badRequest("Malformed request: no action given");
        }
        String action = request.fieldNames().next();
        JsonNode value = request.get(action);
        if (!value.isNull() && !value.isObject()) {
            throw FaultException.badRequest("Malformed request. Invalid '" + action + "' field");
        }
        ObjectNode args = value.isObject() ? (ObjectNode) value : JsonNodeFactory.instance.objectNode();
        Principal caller = auth.principal();
        return switch (action) {
            case "start", "os-start" -> accepted(actions.start(caller, id));
            case "shutdown", "os-stop" -> accepted(actions.shutdown(caller, id));
            case "reboot" -> accepted(actions.reboot(caller, id, rebootType(args)));
            case "resize" -> accepted(actions.resize(caller, id,
                    Requests.id(required(args, "flavorRef"), "Invalid flavorRef")));
            case "reassign" -> actions.reassign(caller, id, Requests.requiredString(args, "project"),
                    Requests.optionalBoolean(args, "shared_to_project")).map(v -> Response.ok().build());
            case "console" -> console(caller, id, args);
            case "os-getVNCConsole" -> vncConsole(caller, id, args);
            case "firewallProfile" -> {
                String profile = Requests.requiredString(args, "profile");
                if (!PROFILES.contains(profile)) {
                    throw FaultException.badRequest("Invalid firewall profile " + profile);
                }
                String nic = required(args, "nic").asText();
                yield accepted(actions.firewallProfile(caller, id, profile, nic));
            }
            case "rescue", "unrescue" -> throw new FaultException(Fault.FEATURE_NOT_ENABLED,
                    "Rescue mode is not enabled.");
            case "addFloatingIp" -> accepted(nics.addFloatingIp(caller, auth.token(), id,
                    Requests.requiredString(args, "address")));
            case "removeFloatingIp" -> accepted(nics.removeFloatingIp(caller, auth.token(), id,
                    Requests.requiredString(args, "address")));
            case "suspend" -> throw FaultException.forbidden("User is not allowed to suspend servers.");
            case "os-getSPICEConsole", "os-getRDPConsole" -> throw new FaultException(Fault.NOT_IMPLEMENTED,
                    "Console type not supported.");
            // changePassword, rebuild, confirmResize, revertResize, createImage and unknown names alike
            default -> throw FaultException.badRequest("Action " + action + " not supported");
        };
    }

    private Uni<Response> console(Principal caller, long id, ObjectNode args) {
        JsonNode t = args.get("type");
        if (t == null || !t.isTextual() || !CONSOLE_TYPES.contains(t.asText())) {
            throw FaultException.badRequest("Invalid console type: one of vnc, vnc-ws, vnc-wss is required");
        }
        return actions.console(caller, id, t.asText()).map(c -> {
            Map<String, Object> console = new LinkedHashMap<>();
            console.put("type", c.type());
            console.put("host", c.host());
            console.put("port", c.port());
            console.put("password", c.password());
            return Response.ok(Map.of("console", console)).build();
        });
    }

    private Uni<Response> vncConsole(Principal caller, long id, ObjectNode args) {
        JsonNode t = args.get("type");
        if (t == null || !t.isTextual() || !List.of("novnc", "xvpvnc").contains(t.asText())) {
            throw FaultException.badRequest("Invalid console type: novnc or xvpvnc is required");
        }
        return actions.console(caller, id, "vnc").map(c -> Response.ok(Map.of("console", Map.of("type", t.asText(),
                "url", "vnc://" + c.host() + ":" + c.port() + "/?password=" + c.password()))).build());
    }

    private static String rebootType(ObjectNode args) {
        JsonNode t = args.get("type");
        if (t == null || t.isNull()) {
            return "SOFT";
        }
        if (!t.isTextual() || !(t.asText().equals("SOFT") || t.asText().equals("HARD"))) {
            throw FaultException.badRequest("Invalid reboot type: SOFT or HARD");
        }
        return t.asText();
    }

    private static JsonNode required(ObjectNode args, String field) {
        JsonNode v = args.get(field);
        if (v == null || v.isNull()) {
            throw FaultException.badRequest("Malformed request: missing '" + field + "'");
        }
        return v;
    }

    private static Uni<Response> accepted(Uni<Void> action) {
        return action.map(v -> Response.accepted().build());
    }
}
