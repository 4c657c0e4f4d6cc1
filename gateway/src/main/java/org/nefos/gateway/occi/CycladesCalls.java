package org.nefos.gateway.occi;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.Service;
import org.nefos.gateway.routing.Upstream;

/**
 * The Cyclades REST calls the OCCI front end makes on the caller's behalf, with the caller's own token (so
 * every service applies its own authorization). A fault answer becomes an {@link OcciException} with the same
 * status and the fault's message (C.5's error mapping); an unreachable service is a 503.
 */
final class CycladesCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final PrefixRoutes routes;
    private final long timeoutMs;

    CycladesCalls(HttpClient client, PrefixRoutes routes, long timeoutMs) {
        this.client = client;
        this.routes = routes;
        this.timeoutMs = timeoutMs;
    }

    Future<JsonNode> get(Service service, String path, String token) {
        return call(service, HttpMethod.GET, path, token, null);
    }

    Future<JsonNode> call(Service service, HttpMethod method, String path, String token, JsonNode body) {
        Upstream upstream = routes.upstream(service).orElse(null);
        if (upstream == null) {
            return Future.failedFuture(new OcciException(503, service.displayName() + " is not configured"));
        }
        RequestOptions options = new RequestOptions().setMethod(method).setHost(upstream.host())
                .setPort(upstream.port()).setSsl(upstream.ssl()).setURI(upstream.target(path))
                .setTimeout(timeoutMs).putHeader("X-Auth-Token", token).putHeader("Accept", "application/json");
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return client.request(options)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body.toString())))
                .compose(resp -> resp.body().map(b -> answer(resp, b)))
                .recover(t -> Future.failedFuture(t instanceof OcciException ? t
                        : new OcciException(503, service.displayName() + " unavailable: " + t.getMessage())));
    }

    private static JsonNode answer(HttpClientResponse resp, Buffer body) {
        JsonNode json = MissingNode.getInstance();
        if (body.length() > 0) {
            try {
                json = JSON.readTree(body.getBytes());
            } catch (java.io.IOException e) {
                json = MissingNode.getInstance();
            }
        }
        int status = resp.statusCode();
        if (status >= 200 && status < 300) {
            return json;
        }
        throw new OcciException(mapped(status), faultMessage(json, resp.statusMessage()));
    }

    /** Cyclades statuses pass through; anything a client cannot act on becomes 500 or 503. */
    static int mapped(int status) {
        return switch (status) {
            case 400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 501, 503 -> status;
            case 502, 504 -> 503;
            default -> 500;
        };
    }

    /** The message of a Synnefo fault body ({@code {"itemNotFound": {"message": ...}}}). */
    static String faultMessage(JsonNode json, String fallback) {
        if (json != null && json.isObject()) {
            for (Iterator<JsonNode> it = json.elements(); it.hasNext();) {
                JsonNode fault = it.next();
                if (fault.hasNonNull("message")) {
                    return fault.get("message").asText();
                }
            }
        }
        return fallback == null ? "request failed" : fallback;
    }
}
