package org.nefos.platform.fault;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Renders a {@link FaultException} as an HTTP response with Synnefo's headers. */
public final class Faults {

    public static final String JSON_UTF8 = "application/json; charset=UTF-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Faults() {
    }

    public static Response response(FaultException e) {
        Response.ResponseBuilder b = Response.status(e.status())
                .entity(toJson(e))
                .type(JSON_UTF8)
                .header("Cache-Control", "no-cache, no-store, must-revalidate, max-age=0")
                .header("Vary", "X-Auth-Token");
        e.headers().forEach(b::header);
        return b.build();
    }

    /** The error body as a JSON string, for callers that write to Vert.x directly. */
    public static String toJson(FaultException e) {
        try {
            return MAPPER.writeValueAsString(e.body());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
