package org.nefos.image.cloudkeeper;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.logging.Log;
import org.nefos.platform.fault.FaultException;

/**
 * Cloudkeeper's error names (cloudkeeper-status-codes, grpc-occi-cloudkeeper.md A.10) on gRPC statuses.
 * grpc-java cannot put the custom codes 101–105 on the wire, so each name travels at the start of the
 * description ({@code "FailedApplianceTransfer: checksum mismatch"}) on the closest standard code; the core
 * 2.x only logs the failure and marks the run failed. The 1.x-era trailing metadata {@code status} and
 * {@code message} are set as well, for cores that still read them.
 */
final class CloudkeeperErrors {

    /**
     * An error name (custom codes 101–105 in cloudkeeper-status-codes), the 1.x metadata constant
     * and the standard code it travels on.
     */
    enum Kind {
        UNKNOWN("Unknown", "ERROR", Status.Code.UNKNOWN),
        PERMISSION_DENIED("PermissionDenied", "ERROR_USER_NOT_AUTHORIZED", Status.Code.PERMISSION_DENIED),
        UNAUTHENTICATED("Unauthenticated", "ERROR_AUTHENTICATION", Status.Code.UNAUTHENTICATED),
        APPLIANCE_NOT_FOUND("ApplianceNotFound", "ERROR_APPLIANCE_NOT_FOUND", Status.Code.NOT_FOUND),
        FAILED_APPLIANCE_TRANSFER("FailedApplianceTransfer", "ERROR_APPLIANCE_TRANSFER", Status.Code.UNAVAILABLE),
        /** A transfer that completed with other bytes than announced (size or checksum). */
        CORRUPT_APPLIANCE_TRANSFER("FailedApplianceTransfer", "ERROR_APPLIANCE_TRANSFER", Status.Code.DATA_LOSS),
        RESOURCE_NOT_FOUND("ResourceNotFound", "ERROR_RESOURCE_NOT_FOUND", Status.Code.NOT_FOUND),
        FAILED_RESOURCE_RETRIEVAL("FailedResourceRetrieval", "ERROR_RESOURCE_RETRIEVAL", Status.Code.UNAVAILABLE),
        INVALID_RESOURCE_STATE("InvalidResourceState", "ERROR_RESOURCE_STATE", Status.Code.FAILED_PRECONDITION),
        /** A request the core should never send (a required field missing or malformed). */
        INVALID_REQUEST("InvalidResourceState", "ERROR_RESOURCE_STATE", Status.Code.INVALID_ARGUMENT);

        final String errorName;
        final String legacyStatus;
        final Status.Code grpcCode;

        Kind(String errorName, String legacyStatus, Status.Code grpcCode) {
            this.errorName = errorName;
            this.legacyStatus = legacyStatus;
            this.grpcCode = grpcCode;
        }
    }

    /** A failure of the backend with its Cloudkeeper name. */
    static final class CloudkeeperException extends RuntimeException {
        final Kind kind;

        CloudkeeperException(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    static final Metadata.Key<String> STATUS_KEY = Metadata.Key.of("status", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> MESSAGE_KEY = Metadata.Key.of("message", Metadata.ASCII_STRING_MARSHALLER);

    private CloudkeeperErrors() {
    }

    static CloudkeeperException error(Kind kind, String message) {
        return new CloudkeeperException(kind, message);
    }

    /** The gRPC status exception for any failure; anything unexpected is logged and answered as Unknown. */
    static StatusRuntimeException toStatus(Throwable t) {
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (t instanceof StatusException s) {
            return s.getStatus().asRuntimeException(s.getTrailers());
        }
        CloudkeeperException e = classify(t);
        if (e.kind == Kind.UNKNOWN) {
            Log.warnf(t, "cloudkeeper: call failed unexpectedly");
        }
        Metadata trailers = new Metadata();
        trailers.put(STATUS_KEY, e.kind.legacyStatus);
        trailers.put(MESSAGE_KEY, ascii(e.getMessage()));
        return Status.fromCode(e.kind.grpcCode).withDescription(e.kind.errorName + ": " + e.getMessage())
                .asRuntimeException(trailers);
    }

    /** Our own errors as they are; a Synnefo fault of image- or storage-service by its HTTP status. */
    static CloudkeeperException classify(Throwable t) {
        if (t instanceof CloudkeeperException e) {
            return e;
        }
        if (t instanceof FaultException f) {
            Kind kind = switch (f.status()) {
                case 401 -> Kind.UNAUTHENTICATED;
                case 403 -> Kind.PERMISSION_DENIED;
                case 404 -> Kind.RESOURCE_NOT_FOUND;
                case 400, 409, 422 -> Kind.INVALID_RESOURCE_STATE;
                case 413 -> Kind.FAILED_APPLIANCE_TRANSFER;
                case 502, 503, 504 -> Kind.FAILED_RESOURCE_RETRIEVAL;
                default -> Kind.UNKNOWN;
            };
            return new CloudkeeperException(kind, f.getMessage());
        }
        return new CloudkeeperException(Kind.UNKNOWN, "internal error");
    }

    /** Metadata values must be printable ASCII. */
    private static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : (s == null ? "" : s).toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
