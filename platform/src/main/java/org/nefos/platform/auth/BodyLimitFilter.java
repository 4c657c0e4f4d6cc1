package org.nefos.platform.auth;

import jakarta.enterprise.inject.Instance;
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

    /** Filters are created during static init, before runtime config mappings exist: resolve on first use. */
    @Inject
    Instance<HttpLimitsConfig> config;

    private volatile long maxJsonBody = -1;

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
        long max = maxJsonBody;
        if (max < 0) {
            max = config.get().maxJsonBody();
            maxJsonBody = max;
        }
        if (declared > max) {
            return Faults.response(new FaultException(Fault.REQUEST_ENTITY_TOO_LARGE,
                    "Request body too large: at most " + max + " bytes"));
        }
        return null;
    }
}
