package org.nefos.platform.fault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fault as a value: services fail their {@code Uni} with it and {@link FaultMapper} renders it as
 * Synnefo's {@code {"<key>": {"code": ..., "message": ..., "details": ...}}}.
 */
public class FaultException extends RuntimeException {

    private final Fault fault;
    private final String details;
    private final Map<String, Object> data;
    private final Map<String, String> headers;
    private final boolean withDetails;
    private final int status;

    private FaultException(Fault fault, int status, String message, String details, Map<String, Object> data,
            Map<String, String> headers, boolean withDetails) {
        super(message, null, false, false);
        this.fault = fault;
        this.status = status;
        this.details = details == null ? "" : details;
        this.data = data;
        this.headers = headers;
        this.withDetails = withDetails;
    }

    public FaultException(Fault fault, String message) {
        this(fault, fault.status(), message, "", null, Map.of(), true);
    }

    public FaultException(Fault fault, String message, String details) {
        this(fault, fault.status(), message, details, null, Map.of(), true);
    }

    public static FaultException badRequest(String message) {
        return new FaultException(Fault.BAD_REQUEST, message);
    }

    public static FaultException unauthorized(String message) {
        return new FaultException(Fault.UNAUTHORIZED, message);
    }

    public static FaultException forbidden(String message) {
        return new FaultException(Fault.FORBIDDEN, message);
    }

    public static FaultException notFound(String message) {
        return new FaultException(Fault.ITEM_NOT_FOUND, message);
    }

    public static FaultException conflict(String message) {
        return new FaultException(Fault.CONFLICT, message);
    }

    public static FaultException notAllowed(String message, String allow) {
        return new FaultException(Fault.NOT_ALLOWED, 405, message, "", null, Map.of("Allow", allow), true);
    }

    /** A fault relayed from another service under its own status (Synnefo's generic {@code fault} key). */
    public static FaultException relayed(int status, String message, String details) {
        return new FaultException(Fault.forStatus(status), status, message, details, null, Map.of(), true);
    }

    /** Same fault with an extra {@code data} member (commission faults) and, as Astakos does, no {@code details}. */
    public FaultException withData(Map<String, Object> data) {
        return new FaultException(fault, status, getMessage(), details, data, headers, false);
    }

    public FaultException withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new FaultException(fault, status, getMessage(), details, data, Map.copyOf(h), withDetails);
    }

    public Fault fault() {
        return fault;
    }

    public int status() {
        return status;
    }

    public String details() {
        return details;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body: one key, the fault name. */
    public Map<String, Object> body() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("code", status);
        inner.put("message", getMessage() == null ? "" : getMessage());
        if (withDetails) {
            inner.put("details", details);
        }
        if (data != null) {
            inner.put("data", data);
        }
        return Map.of(fault.key(), inner);
    }
}
