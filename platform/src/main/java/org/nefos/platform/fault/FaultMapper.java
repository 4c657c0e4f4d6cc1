package org.nefos.platform.fault;

import java.util.Arrays;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into Synnefo's error JSON. Unexpected exceptions become a 500
 * {@code internalServerError} without a stack trace; everything a client can cause is a 4xx.
 */
public class FaultMapper {

    /** Synnefo answers unknown paths under an API root with 400, not 404. */
    public static final String ENDPOINT_NOT_FOUND = "API endpoint not found";

    /** Synnefo's block storage API, whose wrong methods get a bare 405 (cyclades-api.md 5.1). */
    private static final String BLOCK_STORAGE_ROOT = "/volume";

    @ServerExceptionMapper
    public Response fault(FaultException e) {
        return Faults.response(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Faults.response(FaultException.badRequest("Could not decode request body as JSON"));
    }

    /**
     * An unknown path is a 400. A known path asked with a method it does not take is a 405: RESTEasy Reactive
     * reports some of those as not found (when the class path has a template, it tries the next class), so the
     * routes are checked here.
     */
    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri, Request request) {
        String allow = AllowedMethods.forPath(uri.getPath());
        if (!allow.isEmpty() && !Arrays.asList(allow.split(",")).contains(request.getMethod())) {
            return methodNotAllowed(uri.getPath(), allow);
        }
        return Faults.response(FaultException.badRequest(ENDPOINT_NOT_FOUND));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allow = String.join(",", e.getResponse().getAllowedMethods());
        if (allow.isEmpty()) {
            allow = AllowedMethods.forPath(uri.getPath());
        }
        return methodNotAllowed(uri.getPath(), allow);
    }

    /** {@code notAllowed} with {@code Allow}; block storage paths answer a bare 405 (with {@code Allow}). */
    private static Response methodNotAllowed(String path, String allow) {
        if (isBlockStorage(path)) {
            return Response.status(405).header("Allow", allow).build();
        }
        return Faults.response(FaultException.notAllowed("Method not allowed", allow));
    }

    private static boolean isBlockStorage(String path) {
        return path.equals(BLOCK_STORAGE_ROOT) || path.startsWith(BLOCK_STORAGE_ROOT + "/");
    }

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e) {
        return Faults.response(FaultException.badRequest("Unsupported Content-type"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException) {
            return json((JsonProcessingException) e.getCause());
        }
        if (status < 400) {
            return e.getResponse();
        }
        Fault fault = Fault.forStatus(status);
        String message = e.getMessage() == null ? fault.key() : e.getMessage();
        return Faults.response(FaultException.relayed(status, message, ""));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e.getCause() instanceof FaultException f) {
            return fault(f);
        }
        Log.errorf(e, "unexpected failure");
        return Faults.response(new FaultException(Fault.INTERNAL_SERVER_ERROR, "Internal server error"));
    }
}
