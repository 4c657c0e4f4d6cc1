package org.nefos.platform.fault;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
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

    @ServerExceptionMapper
    public Response fault(FaultException e) {
        return Faults.response(e);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Faults.response(FaultException.badRequest("Could not decode request body as JSON"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Faults.response(FaultException.badRequest(ENDPOINT_NOT_FOUND));
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allow = String.join(",", e.getResponse().getAllowedMethods());
        if (allow.isEmpty()) {
            allow = AllowedMethods.forPath(uri.getPath());
        }
        return Faults.response(FaultException.notAllowed("Method not allowed", allow));
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
