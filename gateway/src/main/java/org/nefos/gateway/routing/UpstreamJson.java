package org.nefos.gateway.routing;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import org.nefos.gateway.edge.EdgeFilter;

/**
 * One JSON call to a service behind the gateway with the caller's own token, for the front ends that translate
 * another protocol (OCCI, gRPC) into the services' REST APIs. It answers the status and the parsed body; what a
 * fault means is each front end's business. Fails only when the service is unconfigured or unreachable. Called while
 * serving a public request, it passes that request's id on, so the services' log lines carry it.
 */
public final class UpstreamJson {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A service's answer: status, reason phrase and body ({@link MissingNode} when empty or not JSON). */
    public record Reply(int status, String reason, JsonNode body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The message of a Synnefo fault body ({@code {"itemNotFound": {"message": ...}}}). */
        public String faultMessage() {
            if (body != null && body.isObject()) {
                for (Iterator<JsonNode> it = body.elements(); it.hasNext();) {
                    JsonNode fault = it.next();
                    if (fault.hasNonNull("message")) {
                        return fault.get("message").asText();
                    }
                }
            }
            return reason == null ? "request failed" : reason;
        }
    }

    /** The service has no upstream configured on this gateway. */
    public static final class NotConfigured extends RuntimeException {
        public NotConfigured(Service service) {
            super(service.displayName() + " is not configured", null, false, false);
        }
    }

    private final HttpClient client;
    private final PrefixRoutes routes;
    private final long timeoutMs;

    public UpstreamJson(HttpClient client, PrefixRoutes routes, long timeoutMs) {
        this.client = client;
        this.routes = routes;
        this.timeoutMs = timeoutMs;
    }

    public Future<Reply> call(Service service, HttpMethod method, String path, String token, JsonNode body) {
        Upstream upstream = routes.upstream(service).orElse(null);
        if (upstream == null) {
            return Future.failedFuture(new NotConfigured(service));
        }
        RequestOptions options = new RequestOptions().setMethod(method).setHost(upstream.host())
                .setPort(upstream.port()).setSsl(upstream.ssl()).setURI(upstream.target(path))
                .setTimeout(timeoutMs).putHeader("X-Auth-Token", token).putHeader("Accept", "application/json");
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        String requestId = EdgeFilter.currentRequestId();
        if (requestId != null) {
            options.putHeader(EdgeFilter.X_REQUEST_ID, requestId);
        }
        return client.request(options)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body.toString())))
                .compose(resp -> resp.body().map(b -> new Reply(resp.statusCode(), resp.statusMessage(), parse(b))));
    }

    private static JsonNode parse(Buffer body) {
        if (body.length() == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            return MissingNode.getInstance();
        }
    }
}
