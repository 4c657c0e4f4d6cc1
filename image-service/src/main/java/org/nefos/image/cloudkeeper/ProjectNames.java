package org.nefos.image.cloudkeeper;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.nefos.image.cloudkeeper.CloudkeeperErrors.Kind;
import org.nefos.image.cloudkeeper.ServiceUser.Identity;
import org.nefos.platform.config.AuthConfig;
import org.nefos.platform.logging.RequestIds;

/**
 * The project a mapping file names: a project uuid is taken as it is; anything else is a project name,
 * looked up among the active projects the service user is a member of ({@code GET /account/v1.0/projects
 * ?name=…&mode=member}, identity-api.md 6.3), so sites can keep the names their voms.json already has.
 */
@ApplicationScoped
public class ProjectNames {

    @Inject
    Vertx vertx;

    @Inject
    AuthConfig auth;

    WebClient client;

    @PostConstruct
    void init() {
        client = RequestIds.propagating(WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) auth.timeout().toMillis())));
    }

    public Uni<String> projectId(String vo, String mapped, Identity user) {
        if (isUuid(mapped)) {
            return Uni.createFrom().item(mapped);
        }
        return client.getAbs(auth.identityUrl() + "/account/v1.0/projects").addQueryParam("name", mapped)
                .addQueryParam("mode", "member").putHeader("X-Auth-Token", user.token())
                .timeout(auth.timeout().toMillis()).send()
                .onFailure().transform(e -> CloudkeeperErrors.error(Kind.FAILED_RESOURCE_RETRIEVAL,
                        "identity-service is unavailable"))
                .map(r -> {
                    if (r.statusCode() == 401) {
                        throw CloudkeeperErrors.error(Kind.UNAUTHENTICATED, "identity-service refused the service user's token");
                    }
                    if (r.statusCode() != 200) {
                        throw CloudkeeperErrors.error(Kind.FAILED_RESOURCE_RETRIEVAL, "identity-service answered "
                                + r.statusCode() + " for the projects named " + mapped);
                    }
                    JsonArray projects = r.bodyAsJsonArray();
                    List<String> ids = projects.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                            .filter(p -> mapped.equals(p.getString("name"))).map(p -> p.getString("id")).toList();
                    if (ids.size() != 1) {
                        throw CloudkeeperErrors.error(Kind.RESOURCE_NOT_FOUND, "VO " + vo + " maps to project " + mapped
                                + ", which is " + (ids.isEmpty() ? "not among" : "ambiguous among")
                                + " the service user's projects");
                    }
                    return ids.get(0);
                });
    }

    private static boolean isUuid(String s) {
        try {
            return s.length() == 36 && UUID.fromString(s) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
