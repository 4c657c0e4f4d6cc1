package org.nefos.gateway.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.Service;
import org.nefos.gateway.routing.UpstreamJson;

/**
 * JSON calls to the services behind the gateway with the caller's own token, so that each service applies its
 * own authorization. A fault answer fails with the matching gRPC status and the fault's message; an
 * unreachable or unconfigured service is UNAVAILABLE.
 */
final class ServiceCalls {

    static final ObjectMapper JSON = UpstreamJson.JSON;

    private final UpstreamJson upstream;

    ServiceCalls(HttpClient client, PrefixRoutes routes, long timeoutMs) {
        this.upstream = new UpstreamJson(client, routes, timeoutMs);
    }

    Uni<JsonNode> get(Service service, String path, String token) {
        return call(service, HttpMethod.GET, path, token, null);
    }

    Uni<JsonNode> call(Service service, HttpMethod method, String path, String token, JsonNode body) {
        return Uni.createFrom().completionStage(() -> upstream.call(service, method, path, token, body).toCompletionStage())
                .onFailure().transform(t -> GrpcErrors.of(Status.UNAVAILABLE, t instanceof UpstreamJson.NotConfigured
                        ? t.getMessage() : service.displayName() + " unavailable: " + t.getMessage()))
                .map(reply -> {
                    if (!reply.ok()) {
                        throw GrpcErrors.of(GrpcErrors.forHttp(reply.status()), reply.faultMessage());
                    }
                    return reply.body();
                });
    }
}
