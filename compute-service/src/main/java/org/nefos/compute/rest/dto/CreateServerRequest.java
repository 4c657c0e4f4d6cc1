package org.nefos.compute.rest.dto;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.Requests;

/** The body of {@code POST /servers}, checked in upstream's order (cyclades-api.md 2.3, API layer). */
public record CreateServerRequest(String name, String imageRef, long flavorRef, Map<String, String> metadata,
        String project, List<String> keyNames, String adminPass, List<String> tags, boolean sharedToProject) {

    static final int MAX_PERSONALITY = 5;
    static final int MAX_PERSONALITY_SIZE = 10240;

    public static CreateServerRequest from(JsonNode body) {
        JsonNode server = body.get("server");
        if (!(server instanceof ObjectNode s)) {
            throw FaultException.badRequest("Malformed request");
        }
        String name = Requests.requiredString(s, "name");
        JsonNode image = s.get("imageRef");
        if (image == null || !image.isTextual() || image.asText().isBlank()) {
            throw FaultException.badRequest("Malformed request: missing imageRef");
        }
        JsonNode flavor = s.get("flavorRef");
        if (flavor == null || flavor.isNull()) {
            throw FaultException.badRequest("Malformed request: missing flavorRef");
        }
        Map<String, String> metadata = Requests.stringMap(s.get("metadata"), "metadata");
        personality(s.get("personality"));
        Requests.optionalArrayOfObjects(s.get("networks"), "networks");
        if (s.get("networks") != null) {
            for (JsonNode n : s.get("networks")) {
                if (!n.has("uuid") && !n.has("port")) {
                    throw FaultException.badRequest("Malformed request: a network needs 'uuid' or 'port'");
                }
            }
        }
        Requests.optionalArrayOfObjects(s.get("block_device_mapping_v2"), "block_device_mapping_v2");
        JsonNode userData = s.get("user_data");
        if (userData != null && !userData.isNull()) {
            try {
                Base64.getDecoder().decode(userData.asText());
            } catch (IllegalArgumentException e) {
                throw FaultException.badRequest("Marformed user_data request");
            }
        }
        long flavorId = Requests.id(flavor, "Invalid flavorRef");
        String pass = Requests.optionalString(s, "adminPass");
        if (pass != null && !strong(pass)) {
            throw FaultException.badRequest("Invalid adminPass: at least 10 characters with upper, lower case and digits");
        }
        JsonNode keyName = s.get("key_name");
        JsonNode keyNames = s.get("SNF:key_names");
        boolean hasKey = keyName != null && !keyName.isNull();
        boolean hasKeys = keyNames != null && !keyNames.isNull();
        if (hasKey && hasKeys) {
            throw FaultException.badRequest("Only one of 'key_name' and 'SNF:key_names' may be given");
        }
        List<String> keys = new ArrayList<>();
        if (hasKey) {
            keys.add(Requests.optionalString(s, "key_name"));
        } else if (hasKeys) {
            keys.addAll(new LinkedHashSet<>(Requests.stringList(keyNames, "SNF:key_names")));
        }
        List<String> tags = s.has("tags") && !s.get("tags").isNull() ? Requests.stringList(s.get("tags"), "tags")
                : List.of();
        return new CreateServerRequest(name, image.asText(), flavorId, metadata, Requests.optionalString(s, "project"),
                keys, pass, tags, Requests.optionalBoolean(s, "shared_to_project"));
    }

    private static void personality(JsonNode p) {
        if (p == null || p.isNull()) {
            return;
        }
        if (!p.isArray()) {
            throw FaultException.badRequest("Malformed request: personality must be a list");
        }
        if (p.size() > MAX_PERSONALITY) {
            throw new FaultException(Fault.OVER_LIMIT, "Maximum number of personalities exceeded");
        }
        for (JsonNode item : p) {
            if (!(item instanceof ObjectNode o)) {
                throw FaultException.badRequest("Malformed personality in request");
            }
            o.fieldNames().forEachRemaining(f -> {
                if (!List.of("path", "contents", "owner", "group", "mode").contains(f)) {
                    throw FaultException.badRequest("Malformed personality in request");
                }
            });
            JsonNode contents = o.get("contents");
            JsonNode path = o.get("path");
            JsonNode mode = o.get("mode");
            if (path == null || !path.isTextual() || contents == null || !contents.isTextual()
                    || (mode != null && !mode.isNull() && !mode.isNumber())) {
                throw FaultException.badRequest("Malformed personality in request");
            }
            if (contents.asText().length() > MAX_PERSONALITY_SIZE) {
                throw new FaultException(Fault.OVER_LIMIT, "Maximum size of personality exceeded");
            }
            byte[] decoded;
            try {
                decoded = Base64.getMimeDecoder().decode(contents.asText());
            } catch (IllegalArgumentException e) {
                throw FaultException.badRequest("Malformed personality in request");
            }
            if (decoded.length > MAX_PERSONALITY_SIZE) {
                throw new FaultException(Fault.OVER_LIMIT, "Maximum size of personality exceeded");
            }
        }
    }

    public static boolean strong(String pass) {
        return pass.length() >= 10 && pass.chars().anyMatch(Character::isUpperCase)
                && pass.chars().anyMatch(Character::isLowerCase) && pass.chars().anyMatch(Character::isDigit);
    }

    public CreateServerRequest {
        metadata = new LinkedHashMap<>(metadata);
    }
}
