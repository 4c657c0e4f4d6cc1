package org.nefos.identity.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nefos.identity.domain.Application.Capacity;
import org.nefos.identity.domain.ProjectSpec;
import org.nefos.identity.domain.ProjectStates;
import org.nefos.identity.domain.Resource;
import org.nefos.identity.service.Resources;
import org.nefos.platform.fault.FaultException;

/** Parses and validates project application bodies with the rules of identity-api.md 6.5. */
final class ProjectRequests {

    /** Labels of letters, digits and hyphens separated by dots, ending in a 2-6 letter label. */
    private static final Pattern DOMAIN = Pattern.compile(
            "([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,6}");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGTPE]?)(i?B?)?", Pattern.CASE_INSENSITIVE);

    private ProjectRequests() {
    }

    /** {@code creating}: name and end_date are required and the end date must be in the future. */
    static ProjectSpec parse(ObjectNode body, boolean creating, Resources resources) {
        String name = string(body, "name", 80);
        if (creating && name == null) {
            throw bad("'name' is required");
        }
        if (name != null && !DOMAIN.matcher(name).matches()) {
            throw bad("project name must look like a domain name, e.g. myproject.example.org");
        }
        Instant end = date(body, "end_date");
        if (creating && end == null) {
            throw bad("'end_date' is required");
        }
        if (end != null && !end.isAfter(Instant.now())) {
            throw bad("'end_date' must be in the future");
        }
        UUID owner = null;
        String ownerText = string(body, "owner", 64);
        if (ownerText != null) {
            owner = AccountResource.uuidOrNull(ownerText);
            if (owner == null) {
                throw bad("'owner' must be a user uuid");
            }
        }
        return new ProjectSpec(name, owner, string(body, "homepage", 255), string(body, "description", 4096),
                string(body, "comments", 4096), date(body, "start_date"), end, policy(body, "join_policy"),
                policy(body, "leave_policy"), maxMembers(body), bool(body, "private"), capacities(body, resources));
    }

    private static Map<String, Capacity> capacities(ObjectNode body, Resources registered) {
        JsonNode node = body.get("resources");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw bad("'resources' must be an object");
        }
        Map<String, Capacity> out = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            Resource r = registered.find(e.getKey()).filter(Resource::apiVisible)
                    .orElseThrow(() -> bad("unknown resource " + e.getKey()));
            JsonNode v = e.getValue();
            if (!v.isObject()) {
                throw bad("capacities of " + r.name() + " must be an object");
            }
            long project = capacity(v.get("project_capacity"), r.name());
            long member = capacity(v.get("member_capacity"), r.name());
            if (project < member) {
                throw bad("project_capacity of " + r.name() + " is below its member_capacity");
            }
            out.put(r.name(), new Capacity(project, member));
        }
        return out;
    }

    private static long capacity(JsonNode v, String resource) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
            throw bad("capacities of " + resource + " must be integers between 0 and 2^63-1");
        }
        return v.asLong();
    }

    private static Long maxMembers(ObjectNode body) {
        JsonNode v = body.get("max_members");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong() || v.asLong() < 0) {
                throw bad("'max_members' must be between 0 and 2^63-1");
            }
            return v.asLong();
        }
        if (v.isTextual()) {
            String text = v.asText().trim();
            if (text.equalsIgnoreCase("inf")) {
                return Resource.INFINITE;
            }
            var m = SIZE.matcher(text);
            if (m.matches()) {
                try {
                    long n = Long.parseLong(m.group(1));
                    int shift = switch (m.group(2).toUpperCase()) {
                        case "K" -> 10;
                        case "M" -> 20;
                        case "G" -> 30;
                        case "T" -> 40;
                        case "P" -> 50;
                        case "E" -> 60;
                        default -> 0;
                    };
                    if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
                        throw bad("'max_members' must be between 0 and 2^63-1");
                    }
                    return n << shift;
                } catch (NumberFormatException e) {
                    throw bad("'max_members' must be between 0 and 2^63-1");
                }
            }
        }
        throw bad("'max_members' must be an integer or \"inf\"");
    }

    private static String policy(ObjectNode body, String field) {
        String v = string(body, field, 16);
        if (v != null && !ProjectStates.POLICIES.contains(v)) {
            throw bad("'" + field + "' must be auto, moderated or closed");
        }
        return v;
    }

    private static Boolean bool(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw bad("'" + field + "' must be a boolean");
        }
        return v.asBoolean();
    }

    private static String string(ObjectNode body, String field, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad("'" + field + "' must be a string");
        }
        if (v.asText().length() > max) {
            throw bad("'" + field + "' is longer than " + max + " characters");
        }
        return v.asText();
    }

    /** ISO 8601 with an explicit offset; naive dates are refused. */
    private static Instant date(ObjectNode body, String field) {
        String v = string(body, field, 64);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("'" + field + "' must be an ISO 8601 date-time with a time zone offset");
        }
    }

    private static FaultException bad(String message) {
        return FaultException.badRequest("Invalid project specification: " + message);
    }
}
