package org.nefos.identity.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import org.nefos.platform.fault.FaultException;

/** Small helpers shared by the identity resources. */
final class Json {

    static final String UTF8 = "application/json; charset=UTF-8";

    private Json() {
    }

    /** Astakos' empty-bodied 200. */
    static Response emptyOk() {
        return Response.ok().type(UTF8).build();
    }

    /** A JSON list of strings, or 400 naming the field. */
    static List<String> stringList(JsonNode node, String field) {
        if (node == null || !node.isArray()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                throw FaultException.badRequest("Malformed request: '" + field + "' must be a list of strings");
            }
            out.add(n.asText());
        }
        return out;
    }

    /** A comma-separated query parameter as a list, or null when absent. */
    static List<String> commaList(String value) {
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }
}
