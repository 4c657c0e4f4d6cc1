package org.nefos.compute.rest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.core.Response;

import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;

/** Small helpers shared by the compute resources. */
public final class Wire {

    public static final String JSON = Faults.JSON_UTF8;

    private Wire() {
    }

    public static Response status(int status, Object body) {
        Response.ResponseBuilder b = Response.status(status);
        if (body != null) {
            b.entity(body).type(JSON);
        }
        return b.build();
    }

    public static Response noContent() {
        return Response.noContent().build();
    }

    /** A {@code changes-since} value: ISO 8601, with or without offset (UTC assumed); null when absent. */
    public static Instant since(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(v.endsWith("Z") ? v.substring(0, v.length() - 1) : v)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw FaultException.badRequest("Invalid changes-since parameter.");
            }
        }
    }
}
