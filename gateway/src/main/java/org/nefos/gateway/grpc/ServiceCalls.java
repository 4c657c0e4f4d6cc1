package org.nefos.gateway.grpc;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.Service;
import org.nefos.gateway.routing.Upstream;

/**
 * JSON calls to the services behind the gateway with the caller's own token, so that each service applies its
 * own authorization. A fault answer fails with the matching gRPC status and the fault's message; an
 * unreachable or unconfigured service is UNAVAILABLE.
 */
final class ServiceCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final PrefixRoutes routes;
    private final long timeoutMs;

    ServiceCalls(HttpClient client, PrefixRoutes routes, long timeoutMs) {
        this.client = client;
        this.routes = routes;
        this.timeoutMs = timeoutMs;
    }

    Uni<JsonNode> get(Service service, String path, String token) {
        return call(service, HttpMethod.GET, path, token, null);
    }

    Uni<JsonNode> call(Service service, HttpMethod method, String path, String token, JsonNode body) {
        Upstream upstream = routes.upstream(service).orElse(null);
        if (upstream == null) {
            return Uni.createFrom().failure(GrpcErrors.of(Status.UNAVAILABLE, service.displayName() + " is not configured"));
        }
        RequestOptions options = new RequestOptions().setMethod(method).setHost(upstream.host())
                .setPort(upstream.port()).setSsl(upstream.ssl()).setURI(upstream.target(path))
                .setTimeout(timeoutMs).putHeader("X-Auth-Token", token).putHeader("Accept", "application/json");
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return Uni.createFrom().completionStage(() -> client.request(options)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body.toString())))
                .compose(resp -> resp.body().map(b -> answer(resp, b)))
                .toCompletionStage())
                .onFailure(t -> !(t instanceof io.grpc.StatusRuntimeException))
                .transform(t -> GrpcErrors.of(Status.UNAVAILABLE, service.displayName() + " unavailable: " + t.getMessage()));
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
        throw GrpcErrors.of(GrpcErrors.forHttp(status), faultMessage(json, resp.statusMessage()));
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
