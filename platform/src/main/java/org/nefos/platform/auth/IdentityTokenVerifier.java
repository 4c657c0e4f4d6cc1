package org.nefos.platform.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.arc.DefaultBean;
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
 * Verifies tokens by asking identity-service, the way Synnefo's services ask Astakos: user tokens
 * through {@code POST /identity/v2.0/tokens}, component tokens through
 * {@code GET /account/v1.0/service/component}. Identity's 401 is relayed; identity being unreachable
 * is a 503, never a 500.
 */
@DefaultBean
@ApplicationScoped
public class IdentityTokenVerifier implements TokenVerifier {

    private final WebClient client;
    private final AuthConfig config;

    @Inject
    public IdentityTokenVerifier(Vertx vertx, AuthConfig config) {
        this.config = config;
        this.client = RequestIds.propagating(WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(32)));
    }

    @Override
    public Uni<Principal> verifyUser(String token) {
        JsonObject body = new JsonObject().put("auth", new JsonObject().put("token", new JsonObject().put("id", token)));
        return client.postAbs(config.identityUrl() + "/identity/v2.0/tokens")
                .timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .sendJsonObject(body)
                .onFailure().transform(IdentityTokenVerifier::unreachable)
                .map(IdentityTokenVerifier::userFrom);
    }

    @Override
    public Uni<Principal> verifyComponent(String token) {
        return client.getAbs(config.identityUrl() + "/account/v1.0/service/component")
                .timeout(config.timeout().toMillis())
                .putHeader(Tokens.HEADER, token)
                .send()
                .onFailure().transform(IdentityTokenVerifier::unreachable)
                .map(response -> {
                    JsonObject json = successBody(response);
                    String expires = json.getString("expires");
                    return Principal.component(json.getString("name"), expires == null ? null : parseInstant(expires));
                });
    }

    static Principal userFrom(HttpResponse<Buffer> response) {
        JsonObject access = successBody(response).getJsonObject("access");
        JsonObject tokenJson = access.getJsonObject("token");
        JsonObject user = access.getJsonObject("user");
        Set<String> projects = new HashSet<>();
        JsonArray projectList = user.getJsonArray("projects", new JsonArray());
        for (int i = 0; i < projectList.size(); i++) {
            projects.add(projectList.getString(i));
        }
        List<String> roles = new ArrayList<>();
        JsonArray roleList = user.getJsonArray("roles", new JsonArray());
        for (int i = 0; i < roleList.size(); i++) {
            roles.add(roleList.getJsonObject(i).getString("name"));
        }
        return Principal.user(user.getString("id"), user.getString("name"),
                tokenJson.getJsonObject("tenant").getString("id"), projects, roles,
                parseInstant(tokenJson.getString("expires")));
    }

    private static JsonObject successBody(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status == 200) {
            return response.bodyAsJsonObject();
        }
        String message = RemoteFaults.message(response, "Identity service refused the token");
        if (status == 401 || status == 403) {
            return failWith(FaultException.unauthorized(message));
        }
        return failWith(new FaultException(Fault.SERVICE_UNAVAILABLE,
                "Identity service answered " + status + " while checking a token"));
    }

    private static <T> T failWith(FaultException e) {
        throw e;
    }

    private static Throwable unreachable(Throwable cause) {
        if (cause instanceof FaultException) {
            return cause;
        }
        return new FaultException(Fault.SERVICE_UNAVAILABLE, "Identity service unavailable");
    }

    private static Instant parseInstant(String isoOffset) {
        return OffsetDateTime.parse(isoOffset).toInstant();
    }
}
