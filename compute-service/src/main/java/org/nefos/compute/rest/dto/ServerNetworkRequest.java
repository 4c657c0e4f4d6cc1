package org.nefos.compute.rest.dto;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.nefos.platform.fault.FaultException;

/**
 * One item of server create's {@code networks} (cyclades-api.md 2.3): an existing {@code port}, or a network
 * {@code uuid} with an optional {@code fixed_ip}.
 */
public record ServerNetworkRequest(String networkId, String portId, String fixedIp) {

    /** At most this many NICs per server. */
    public static final int MAX_NICS = 8;

    /** The requested NICs; null when {@code networks} is absent (absent is not the same as empty). */
    public static List<ServerNetworkRequest> from(JsonNode body) {
        JsonNode networks = body.path("server").get("networks");
        if (networks == null || networks.isNull()) {
            return null;
        }
        if (!networks.isArray()) {
            throw FaultException.badRequest("Malformed request: networks must be a list");
        }
        if (networks.size() > MAX_NICS) {
            throw FaultException.badRequest("Maximum ports per server limit reached");
        }
        List<ServerNetworkRequest> out = new ArrayList<>();
        for (JsonNode n : networks) {
            String port = id(n.get("port"), "port");
            String uuid = id(n.get("uuid"), "uuid");
            JsonNode f = n.get("fixed_ip");
            if (f != null && !f.isNull() && !f.isTextual()) {
                throw FaultException.badRequest("Malformed request: invalid 'fixed_ip'");
            }
            String fixed = f == null || f.isNull() ? null : f.asText();
            if (port == null && uuid == null) {
                throw FaultException.badRequest("Malformed request: a network needs 'uuid' or 'port'");
            }
            out.add(port != null ? new ServerNetworkRequest(null, port, null) : new ServerNetworkRequest(uuid, null, fixed));
        }
        return out;
    }

    private static String id(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isIntegralNumber() ? v.asText() : v.isTextual() ? v.asText().trim() : null;
        if (s == null || !s.matches("\\d{1,18}")) {
            throw FaultException.badRequest("Malformed request: invalid '" + field + "'");
        }
        return s;
    }
}
