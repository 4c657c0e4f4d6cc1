package org.nefos.platform.quota;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.nefos.platform.config.AuthConfig;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.RemoteFaults;
import org.nefos.platform.logging.RequestIds;

/**
 * Quota commissions on identity-service with this component's service token (Astakos' commission API).
 * A commission that does not fit fails with 413 {@code overLimit} carrying identity's message, as
 * Cyclades relays it; identity being unreachable is a 503.
 */
@ApplicationScoped
public class QuotaClient {

    private final WebClient client;
    private final AuthConfig config;

    @Inject
    public QuotaClient(Vertx vertx, AuthConfig config) {
        this.config = config;
        this.client = RequestIds.propagating(WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis()).setKeepAlive(true).setMaxPoolSize(16)));
    }

    /** Issues a commission; the result is its serial. */
    public Uni<Long> issue(String name, List<Provision> provisions, boolean force, boolean autoAccept) {
        JsonArray list = new JsonArray();
        for (Provision p : provisions) {
            list.add(new JsonObject().put("holder", p.holder()).put("source", p.source())
                    .put("resource", p.resource()).put("quantity", p.quantity()));
        }
        JsonObject body = new JsonObject().put("name", name).put("force", force).put("auto_accept", autoAccept)
                .put("provisions", list);
        return post("/account/v1.0/commissions", body).map(r -> {
            if (r.statusCode() == 201) {
                return r.bodyAsJsonObject().getLong("serial");
            }
            throw fault(r);
        });
    }

    public Uni<Void> accept(long serial) {
        return action(serial, "accept");
    }

    public Uni<Void> reject(long serial) {
        return action(serial, "reject");
    }

    /** Serials of this component still pending at identity (for reconciliation). */
    public Uni<List<Long>> pending() {
        return client.getAbs(config.identityUrl() + "/account/v1.0/commissions")
                .timeout(config.timeout().toMillis())
                .putHeader("X-Auth-Token", config.componentToken())
                .send()
                .onFailure().transform(QuotaClient::unreachable)
                .map(r -> {
                    if (r.statusCode() != 200) {
                        throw fault(r);
                    }
                    List<Long> serials = new ArrayList<>();
                    r.bodyAsJsonArray().forEach(s -> serials.add(((Number) s).longValue()));
                    return serials;
                });
    }

    private Uni<Void> action(long serial, String action) {
        return post("/account/v1.0/commissions/" + serial + "/action", new JsonObject().put(action, ""))
                .map(r -> {
                    if (r.statusCode() != 200) {
                        throw r.statusCode() == 404
                                ? FaultException.notFound("Commission " + serial + " is not pending")
                                : fault(r);
                    }
                    return null;
                });
    }

    private Uni<HttpResponse<Buffer>> post(String path, JsonObject body) {
        return client.postAbs(config.identityUrl() + path)
                .timeout(config.timeout().toMillis())
                .putHeader("X-Auth-Token", config.componentToken())
                .putHeader("Content-Type", "application/json")
                .sendJsonObject(body)
                .onFailure().transform(QuotaClient::unreachable);
    }

    private static FaultException fault(HttpResponse<Buffer> r) {
        JsonObject inner = RemoteFaults.inner(r);
        String message = inner.getString("message", "Identity service answered " + r.statusCode());
        String details = inner.containsKey("data") ? inner.getValue("data").toString() : inner.getString("details", "");
        return switch (r.statusCode()) {
            case 413 -> new FaultException(Fault.OVER_LIMIT, message, details);
            case 400, 404 -> FaultException.badRequest(message);
            default -> new FaultException(Fault.SERVICE_UNAVAILABLE, message, details);
        };
    }

    private static Throwable unreachable(Throwable cause) {
        return cause instanceof FaultException ? cause
                : new FaultException(Fault.SERVICE_UNAVAILABLE, "Identity service unavailable");
    }
}
