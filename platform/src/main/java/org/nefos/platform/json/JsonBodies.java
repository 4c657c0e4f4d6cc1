package org.nefos.platform.json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.nefos.platform.fault.FaultException;

/**
 * Parses JSON request bodies with Synnefo's rules: the Content-Type must start with
 * {@code application/json}, the bytes must be UTF-8 and valid JSON, and most handlers want an object.
 * Bodies are read as bytes so that each failure gets its exact 400 message instead of a 415.
 */
public final class JsonBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBodies() {
    }

    /** Content-type check, then {@link #parse(byte[])}. */
    public static JsonNode parse(String contentType, byte[] body) {
        requireJsonContentType(contentType);
        return parse(body);
    }

    public static void requireJsonContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw FaultException.badRequest("Missing Content-Type header field");
        }
        if (!contentType.trim().toLowerCase().startsWith("application/json")) {
            throw FaultException.badRequest("Unsupported Content-type: '" + contentType + "'");
        }
    }

    /** Parses UTF-8 JSON of any type; an empty body is a 400. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw FaultException.badRequest("Malformed request: empty body");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw FaultException.badRequest("Could not decode request body as JSON: not UTF-8");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw FaultException.badRequest("Could not decode request body as JSON");
            }
            return node;
        } catch (IOException e) {
            throw FaultException.badRequest("Could not decode request body as JSON");
        }
    }

    public static ObjectNode parseObject(String contentType, byte[] body) {
        return requireObject(parse(contentType, body));
    }

    public static ObjectNode requireObject(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            throw FaultException.badRequest("Malformed request: expected a JSON object");
        }
        return o;
    }
}
