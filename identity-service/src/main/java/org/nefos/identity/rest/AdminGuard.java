package org.nefos.identity.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.nefos.identity.config.IdentityConfig;
import org.nefos.identity.service.Authentication;
import org.nefos.platform.auth.Tokens;
import org.nefos.platform.fault.FaultException;

/** The operator's check: the configured admin token (constant-time compare) or a user with the admin-api role. */
@RequestScoped
public class AdminGuard {

    static final String ADMIN_ROLE = "admin-api";

    @Inject
    IdentityConfig config;

    @Inject
    Authentication authentication;

    @Inject
    HttpServerRequest request;

    public Uni<Void> check() {
        String token = Tokens.fromRequest(request);
        if (token == null) {
            return Uni.createFrom().failure(FaultException.unauthorized("Access denied. No authentication token"));
        }
        if (config.adminToken().isPresent() && MessageDigest.isEqual(
                config.adminToken().get().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return Uni.createFrom().voidItem();
        }
        return authentication.verifyUser(token).map(p -> {
            if (!p.roles().contains(ADMIN_ROLE)) {
                throw FaultException.forbidden("The admin API needs the " + ADMIN_ROLE + " role");
            }
            return null;
        }).replaceWithVoid();
    }
}
