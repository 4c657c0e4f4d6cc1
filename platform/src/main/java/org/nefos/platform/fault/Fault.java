package org.nefos.platform.fault;

/**
 * Every fault the Synnefo APIs answer with: the JSON key of the error body and its HTTP status.
 * The catalogue is the union of the specs (identity, cyclades, pithos/plankton).
 */
public enum Fault {
    NOT_MODIFIED("notModified", 304),
    BAD_REQUEST("badRequest", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    RESIZE_NOT_ALLOWED("resizeNotAllowed", 403),
    ITEM_NOT_FOUND("itemNotFound", 404),
    FEATURE_NOT_ENABLED("featureNotEnabled", 404),
    NOT_ALLOWED("notAllowed", 405),
    CONFLICT("conflict", 409),
    BUILD_IN_PROGRESS("buildInProgress", 409),
    LENGTH_REQUIRED("lengthRequired", 411),
    PRECONDITION_FAILED("preconditionFailed", 412),
    OVER_LIMIT("overLimit", 413),
    REQUEST_ENTITY_TOO_LARGE("requestEntityTooLarge", 413),
    BAD_MEDIA_TYPE("badMediaType", 415),
    RANGE_NOT_SATISFIABLE("rangeNotSatisfiable", 416),
    UNPROCESSABLE_ENTITY("unprocessableEntity", 422),
    TOO_MANY_REQUESTS("overLimit", 429),
    INTERNAL_SERVER_ERROR("internalServerError", 500),
    NOT_IMPLEMENTED("notImplemented", 501),
    BAD_GATEWAY("badGateway", 502),
    SERVICE_UNAVAILABLE("serviceUnavailable", 503),
    GATEWAY_TIMEOUT("gatewayTimeout", 504);

    private final String key;
    private final int status;

    Fault(String key, int status) {
        this.key = key;
        this.status = status;
    }

    /** The top-level JSON key, e.g. {@code itemNotFound}. */
    public String key() {
        return key;
    }

    public int status() {
        return status;
    }

    /** The fault a bare HTTP status maps to, for statuses raised outside our code (JAX-RS, Vert.x). */
    public static Fault forStatus(int status) {
        return switch (status) {
            case 304 -> NOT_MODIFIED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> ITEM_NOT_FOUND;
            case 405 -> NOT_ALLOWED;
            case 409 -> CONFLICT;
            case 411 -> LENGTH_REQUIRED;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> REQUEST_ENTITY_TOO_LARGE;
            case 415 -> BAD_MEDIA_TYPE;
            case 416 -> RANGE_NOT_SATISFIABLE;
            case 422 -> UNPROCESSABLE_ENTITY;
            case 429 -> TOO_MANY_REQUESTS;
            case 501 -> NOT_IMPLEMENTED;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> GATEWAY_TIMEOUT;
            default -> status >= 500 ? INTERNAL_SERVER_ERROR : BAD_REQUEST;
        };
    }
}
