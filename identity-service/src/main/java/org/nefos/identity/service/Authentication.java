package org.nefos.identity.service;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.identity.domain.User;
import org.nefos.identity.repository.ComponentRepository;
import org.nefos.identity.repository.ProjectRepository;
import org.nefos.identity.repository.UserRepository;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.TokenVerifier;
import org.nefos.platform.fault.FaultException;

/**
 * identity-service checks tokens against its own tables (every other service asks it over HTTP).
 * The checks and their order are those of identity-api.md 1.2.
 */
@ApplicationScoped
public class Authentication implements TokenVerifier {

    /** A verified user with what {@code POST /tokens} reports about them. */
    public record Session(User user, List<UUID> projects) {
    }

    @Inject
    Pool pool;

    @Inject
    UserRepository users;

    @Inject
    ProjectRepository projects;

    @Inject
    ComponentRepository components;

    /** {@code unknownMessage} differs by endpoint: "Invalid token" on /tokens, "Invalid X-Auth-Token" elsewhere. */
    public Uni<Session> session(String token, String unknownMessage) {
        if (token == null || token.length() > 256) {
            return Uni.createFrom().failure(FaultException.unauthorized(unknownMessage));
        }
        return users.findByToken(pool, token).chain(user -> {
            if (user == null) {
                return Uni.createFrom().failure(FaultException.unauthorized(unknownMessage));
            }
            if (!user.active()) {
                return Uni.createFrom().failure(FaultException.unauthorized("User inactive"));
            }
            if (user.tokenExpiredAt(Instant.now())) {
                return Uni.createFrom().failure(FaultException.unauthorized("Authentication expired"));
            }
            if (!user.signedTerms()) {
                return Uni.createFrom().failure(FaultException.unauthorized("Pending approval terms"));
            }
            return projects.activeProjectsOf(pool, user.uuid()).map(p -> new Session(user, p));
        });
    }

    @Override
    public Uni<Principal> verifyUser(String token) {
        return session(token, "Invalid X-Auth-Token").map(s -> Principal.user(s.user().uuid().toString(),
                s.user().email(), s.user().defaultProject().toString(),
                new HashSet<>(s.projects().stream().map(UUID::toString).toList()), s.user().roles(),
                s.user().tokenExpires()));
    }

    @Override
    public Uni<Principal> verifyComponent(String token) {
        if (token == null || token.length() > 256) {
            return Uni.createFrom().failure(FaultException.unauthorized("Invalid X-Auth-Token"));
        }
        return components.findByToken(pool, token).map(c -> {
            if (c == null) {
                throw FaultException.unauthorized("Invalid X-Auth-Token");
            }
            if (c.expires() != null && !Instant.now().isBefore(c.expires())) {
                throw FaultException.unauthorized("Authentication expired");
            }
            return Principal.component(c.name(), c.expires());
        });
    }
}
