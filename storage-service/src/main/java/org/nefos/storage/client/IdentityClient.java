package org.nefos.storage.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.nefos.platform.config.AuthConfig;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.logging.RequestIds;

/**
 * What Pithos asks identity besides token checks and commissions, with its component token: a user's
 * {@code pithos.diskspace} per project ({@code GET /account/v1.0/service_quotas?user=}) and which uuids
 * are known users ({@code POST /account/v1.0/service/user_catalogs}).
 */
@ApplicationScoped
public class IdentityClient {

    public static final String RESOURCE = "pithos.diskspace";

    /** Limit and usage of one project's {@code pithos.diskspace} for the user. */
    public record DiskQuota(long limit, long usage) {
    }

    @Inject
    Vertx vertx;

    @Inject
    AuthConfig config;

    WebClient client;

    @PostConstruct
    void init() {
        client = RequestIds.propagating(WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis()).setKeepAlive(true).setMaxPoolSize(8)));
    }

    /** The uuids among {@code uuids} that identity does not know (503 when identity cannot be asked). */
    public Uni<Set<String>> unknownUsers(Collection<String> uuids) {
        if (uuids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String base = config.identityUrl().endsWith("/") ? config.identityUrl() : config.identityUrl() + "/";
        return client.postAbs(base + "account/v1.0/service/user_catalogs")
                .putHeader("X-Auth-Token", config.componentToken()).putHeader("Content-Type", "application/json")
                .timeout(config.timeout().toMillis())
                .sendJsonObject(new JsonObject().put("uuids", new JsonArray(new ArrayList<>(uuids))))
                .onFailure().transform(e -> new FaultException(Fault.SERVICE_UNAVAILABLE,
                        "Identity service unavailable"))
                .map(r -> {
                    if (r.statusCode() != 200) {
                        throw new FaultException(Fault.SERVICE_UNAVAILABLE, "Identity service unavailable");
                    }
                    JsonObject known = r.bodyAsJsonObject().getJsonObject("uuid_catalog", new JsonObject());
                    Set<String> unknown = new LinkedHashSet<>();
                    for (String u : uuids) {
                        if (!known.containsKey(u.toLowerCase(Locale.ROOT))) {
                            unknown.add(u);
                        }
                    }
                    return unknown;
                });
    }

    /**
     * Project uuid → disk quota of {@code user}, in identity's order; null when identity cannot be asked
     * (the caller then falls back to local figures).
     */
    public Uni<Map<String, DiskQuota>> diskspace(String user) {
        String base = config.identityUrl().endsWith("/") ? config.identityUrl() : config.identityUrl() + "/";
        return client.getAbs(base + "account/v1.0/service_quotas").addQueryParam("user", user)
                .putHeader("X-Auth-Token", config.componentToken()).putHeader("Accept", "application/json")
                .timeout(config.timeout().toMillis()).send().map(r -> {
                    Map<String, DiskQuota> out = new LinkedHashMap<>();
                    if (r.statusCode() == 404) {
                        return out;
                    }
                    if (r.statusCode() != 200) {
                        Log.warnf("identity service_quotas answered %d", r.statusCode());
                        return (Map<String, DiskQuota>) null;
                    }
                    JsonObject projects = r.bodyAsJsonObject().getJsonObject(user);
                    if (projects != null) {
                        projects.forEach(p -> {
                            JsonObject d = ((JsonObject) p.getValue()).getJsonObject(RESOURCE);
                            if (d != null) {
                                out.put(p.getKey(), new DiskQuota(d.getLong("limit", 0L), d.getLong("usage", 0L)));
                            }
                        });
                    }
                    return out;
                }).onFailure().recoverWithItem(e -> {
                    Log.warnf("identity service_quotas unreachable: %s", e.toString());
                    return null;
                });
    }
}
