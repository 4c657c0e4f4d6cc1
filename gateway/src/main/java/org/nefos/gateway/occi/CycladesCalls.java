package org.nefos.gateway.occi;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.nefos.gateway.routing.Service;
import org.nefos.gateway.routing.UpstreamJson;

/**
 * The Cyclades REST calls the OCCI front end makes on the caller's behalf, with the caller's own token (so
 * every service applies its own authorization). A fault answer becomes an {@link OcciException} with the same
 * status and the fault's message (C.5's error mapping); an unreachable service is a 503.
 */
final class CycladesCalls {

    private final UpstreamJson upstream;

    CycladesCalls(UpstreamJson upstream) {
        this.upstream = upstream;
    }

    Future<JsonNode> get(Service service, String path, String token) {
        return call(service, HttpMethod.GET, path, token, null);
    }

    Future<JsonNode> call(Service service, HttpMethod method, String path, String token, JsonNode body) {
        return upstream.call(service, method, path, token, body)
                .recover(t -> Future.failedFuture(new OcciException(503, t instanceof UpstreamJson.NotConfigured
                        ? t.getMessage() : service.displayName() + " unavailable: " + t.getMessage())))
                .map(reply -> {
                    if (!reply.ok()) {
                        throw new OcciException(mapped(reply.status()), reply.faultMessage());
                    }
                    return reply.body();
                });
    }

    /** Cyclades statuses pass through; anything a client cannot act on becomes 500 or 503. */
    static int mapped(int status) {
        return switch (status) {
            case 400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 501, 503 -> status;
            case 502, 504 -> 503;
            default -> 500;
        };
    }
}
