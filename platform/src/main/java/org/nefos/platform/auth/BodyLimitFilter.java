package org.nefos.platform.auth;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.nefos.platform.config.HttpLimitsConfig;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;

/** Refuses JSON request bodies above {@code nefos.http.max-json-body} before they are read. */
public class BodyLimitFilter {

    @Inject
    HttpLimitsConfig limits;

    @ServerRequestFilter(preMatching = true)
    public Response limitBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return null;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null; // an unparsable length is the handler's business (identity treats it as "no body")
        }
        if (declared > limits.maxJsonBody()) {
            return Faults.response(new FaultException(Fault.REQUEST_ENTITY_TOO_LARGE,
                    "Request body too large: at most " + limits.maxJsonBody() + " bytes"));
        }
        return null;
    }
}
