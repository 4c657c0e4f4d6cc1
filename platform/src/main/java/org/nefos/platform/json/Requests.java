package org.nefos.platform.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nefos.platform.fault.FaultException;

/** Typed reads of request JSON: every wrong type is a 400, never a 500. */
public final class Requests {

    private Requests() {
    }

    public static String requiredString(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a string");
        }
        return v.asText();
    }

    public static String optionalString(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a string");
        }
        return v.asText();
    }

    public static boolean optionalBoolean(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a boolean");
        }
        return v.asBoolean();
    }

    /** An integer id given as a JSON number or a numeric string. */
    public static long id(JsonNode v, String message) {
        if (v != null && v.isIntegralNumber() && v.canConvertToLong() && v.asLong() > 0) {
            return v.asLong();
        }
        if (v != null && v.isTextual() && v.asText().matches("\\d{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw FaultException.badRequest(message);
    }

    public static Map<String, String> stringMap(JsonNode v, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be an object");
        }
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw FaultException.badRequest("Malformed request: values of '" + field + "' must be strings");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    public static List<String> stringList(JsonNode v, String field) {
        if (v == null || !v.isArray()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw FaultException.badRequest("Malformed request: items of '" + field + "' must be strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    public static void optionalArrayOfObjects(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isArray()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a list");
        }
        for (JsonNode item : v) {
            if (!item.isObject()) {
                throw FaultException.badRequest("Malformed request: items of '" + field + "' must be objects");
            }
        }
    }

    /** The object under {@code key} of a body, 400 when missing or not an object. */
    public static ObjectNode object(JsonNode body, String key) {
        JsonNode v = body.get(key);
        if (!(v instanceof ObjectNode o)) {
            throw FaultException.badRequest("Malformed request: missing '" + key + "' object");
        }
        return o;
    }


    /** A name of at most 128 characters; absent or null is {@code ""}. */
    public static String name(ObjectNode o) {
        String name = optionalString(o, "name");
        if (name != null && name.length() > 128) {
            throw FaultException.badRequest("Malformed request: 'name' is longer than 128 characters");
        }
        return name == null ? "" : name;
    }

    /** A path id: digits only, otherwise the resource cannot exist (404). */
    public static long pathId(String id, String what) {
        if (id == null || !id.matches("\\d{1,18}")) {
            throw FaultException.notFound(what + " " + id + " not found");
        }
        return Long.parseLong(id);
    }

    public static Boolean optionalBooleanOrNull(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a boolean");
        }
        return v.asBoolean();
    }
}
