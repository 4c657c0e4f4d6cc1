package org.nefos.gateway.grpc;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.nefos.platform.fault.FaultException;

/** Canonical gRPC codes for every failure: nothing leaves as UNKNOWN. */
final class GrpcErrors {

    private GrpcErrors() {
    }

    static StatusRuntimeException of(Status status, String message) {
        return status.withDescription(message).asRuntimeException();
    }

    static StatusRuntimeException invalid(String message) {
        return of(Status.INVALID_ARGUMENT, message);
    }

    static StatusRuntimeException notFound(String message) {
        return of(Status.NOT_FOUND, message);
    }

    /** The code for a service's HTTP status (its Synnefo fault message becomes the description). */
    static Status forHttp(int status) {
        return switch (status) {
            case 400, 413 /* badRequest / too large */ -> status == 413 ? Status.RESOURCE_EXHAUSTED : Status.INVALID_ARGUMENT;
            case 401 -> Status.UNAUTHENTICATED;
            case 403 -> Status.PERMISSION_DENIED;
            case 404 -> Status.NOT_FOUND;
            case 405, 501 -> Status.UNIMPLEMENTED;
            case 409 -> Status.FAILED_PRECONDITION;
            case 429 -> Status.RESOURCE_EXHAUSTED;
            case 502, 503 -> Status.UNAVAILABLE;
            case 504 -> Status.DEADLINE_EXCEEDED;
            default -> Status.INTERNAL;
        };
    }

    /** Maps any failure to a status exception; already-mapped ones pass unchanged. */
    static Throwable map(Throwable t) {
        if (t instanceof StatusRuntimeException || t instanceof StatusException) {
            return t;
        }
        if (t instanceof FaultException f) {
            return of(forHttp(f.status()), f.getMessage());
        }
        if (t instanceof IllegalArgumentException) {
            return invalid(t.getMessage());
        }
        io.quarkus.logging.Log.warnf(t, "gRPC call failed unexpectedly");
        return of(Status.INTERNAL, "internal error");
    }
}
