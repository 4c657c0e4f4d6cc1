package org.nefos.identity.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.events.EventCatalog;
import org.nefos.events.identity.BaseQuotaUpdated;
import org.nefos.events.identity.UserCreated;
import org.nefos.events.identity.UserUpdated;
import org.nefos.identity.config.IdentityConfig;
import org.nefos.identity.domain.HoldingKey;
import org.nefos.identity.domain.Resource;
import org.nefos.identity.domain.User;
import org.nefos.identity.repository.HoldingRepository;
import org.nefos.identity.repository.ProjectRepository;
import org.nefos.identity.repository.UserRepository;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.outbox.Outbox;

/** User accounts: creation with their system project, tokens, activation, base quotas, default project. */
@ApplicationScoped
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Inject
    Pool pool;

    @Inject
    UserRepository users;

    @Inject
    ProjectRepository projects;

    @Inject
    HoldingRepository holdings;

    @Inject
    Resources resources;

    @Inject
    Outbox outbox;

    @Inject
    IdentityConfig config;

    /** What an operator supplies for a new user; {@code uuid} and {@code token} are generated when null. */
    public record NewUser(UUID uuid, String email, String firstName, String lastName, String affiliation,
            String token, List<String> roles) {
    }

    public Uni<User> create(NewUser request) {
        if (request.email() == null || !EMAIL.matcher(request.email()).matches() || request.email().length() > 254) {
            return Uni.createFrom().failure(FaultException.badRequest("Invalid username: an e-mail address is required"));
        }
        if (request.token() != null && (request.token().isBlank() || request.token().length() > 64)) {
            return Uni.createFrom().failure(FaultException.badRequest("Invalid auth_token: 1 to 64 characters"));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID uuid = request.uuid() != null ? request.uuid() : UUID.randomUUID();
        User user = new User(uuid, request.email().toLowerCase(), nz(request.firstName()), nz(request.lastName()),
                nz(request.affiliation()), request.token() != null ? request.token() : Tokens.generate(), now,
                now.plus(config.tokenLifetime()), true, true, true, false, true, "",
                request.roles() == null ? List.of() : request.roles(), uuid, 1, now);
        return pool.withTransaction(tx -> users.findByEmail(tx, user.email())
                .chain(existing -> existing != null
                        ? Uni.createFrom().failure(FaultException.conflict("A user with this e-mail already exists"))
                        : users.find(tx, uuid))
                .chain(existing -> existing != null
                        ? Uni.createFrom().failure(FaultException.conflict("A user with this uuid already exists"))
                        : users.insert(tx, user))
                .chain(() -> createSystemProject(tx, user, now))
                .chain(() -> outbox.append(tx, EventCatalog.USER_CREATED, uuid.toString(),
                        new UserCreated(uuid.toString(), uuid.toString(), user.email(), true, 1, now)))
                .replaceWith(user))
                .onFailure(e -> isUniqueViolation(e))
                .transform(e -> FaultException.conflict("A user with this e-mail, uuid or token already exists"));
    }

    /** identity-api.md 9.3: project id = user id, closed, private, one member, base quota for every resource. */
    private Uni<Void> createSystemProject(SqlConnection tx, User user, Instant now) {
        UUID id = user.uuid();
        var project = new ProjectRepository.NewProject(id, "system:" + id, "active", null, "",
                "System project for user " + user.email(), now, now.atZone(java.time.ZoneOffset.UTC).plusYears(100).toInstant(),
                "closed", "closed", 1, true, true);
        return projects.insert(tx, project)
                .chain(() -> projects.insertMembership(tx, id, id, "accepted", now))
                .chain(() -> Multi.createFrom().iterable(resources.all())
                        .onItem().transformToUniAndConcatenate(r -> projects
                                .upsertResource(tx, id, r.name(), r.systemDefault(), r.systemDefault())
                                .chain(() -> holdings.insert(tx, HoldingKey.project(id.toString(), r.name()), r.systemDefault()))
                                .chain(() -> holdings.insert(tx, HoldingKey.member(id.toString(), id.toString(), r.name()),
                                        r.systemDefault())))
                        .collect().last())
                .replaceWithVoid();
    }

    public Uni<User> find(UUID uuid) {
        return users.find(pool, uuid).onItem().ifNull().failWith(() -> FaultException.notFound("No such user"));
    }

    public Uni<List<User>> all() {
        return users.all(pool);
    }

    public Uni<User> renewToken(UUID uuid) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String token = Tokens.generate();
        return update(uuid, "token_renewed", (tx, u) -> users.updateToken(tx, uuid, token, now, now.plus(config.tokenLifetime())),
                u -> u.active() ? "active" : "inactive");
    }

    public Uni<User> setActive(UUID uuid, boolean active, String reason) {
        return update(uuid, active ? "activated" : "deactivated", (tx, u) -> users.updateActive(tx, uuid, active, nz(reason)),
                u -> u.active() ? "active" : "inactive");
    }

    public Uni<User> signTerms(UUID uuid) {
        return update(uuid, "terms_signed", (tx, u) -> users.updateSignedTerms(tx, uuid),
                u -> u.active() ? "active" : "inactive");
    }

    /**
     * {@code POST /account/v1.0/myaccount/default_project}, with the checks in the order of identity-api.md 3.3.
     */
    public Uni<Void> setDefaultProject(UUID userId, String projectId) {
        if (projectId == null) {
            return Uni.createFrom().failure(FaultException.forbidden("No project given"));
        }
        UUID project = parseUuid(projectId);
        if (project == null) {
            return Uni.createFrom().failure(FaultException.notFound("There is no project identified by " + projectId + "."));
        }
        return update(userId, "default_project_changed", (tx, u) -> {
            if (!u.active() || !u.verified() || !u.moderated() || u.rejected()) {
                return Uni.createFrom().failure(new FaultException(org.nefos.platform.fault.Fault.NOT_ALLOWED,
                        "This account cannot choose a default project"));
            }
            return projects.find(tx, project).chain(p -> {
                if (p == null) {
                    return Uni.createFrom().failure(FaultException.notFound("There is no project identified by " + projectId + "."));
                }
                if (!p.state().equals("active") && !p.state().equals("suspended")) {
                    return Uni.createFrom().failure(FaultException.conflict("Project " + projectId + " is not alive."));
                }
                return projects.membershipState(tx, project, userId).chain(state -> {
                    if (state == null) {
                        return Uni.createFrom().failure(FaultException.notFound("You are not a member of project " + projectId + "."));
                    }
                    if (!(state.equals("accepted") || state.equals("leave_requested")) || !p.state().equals("active")) {
                        return Uni.createFrom().failure(FaultException.forbidden("Project " + projectId + " cannot be your default project now."));
                    }
                    return users.updateDefaultProject(tx, userId, project);
                });
            });
        }, u -> u.active() ? "active" : "inactive").replaceWithVoid();
    }

    /** Sets base (system project) quotas; returns every resource's base limit afterwards. */
    public Uni<Map<String, Long>> setBaseQuota(UUID userId, Map<String, Long> limits) {
        for (Map.Entry<String, Long> e : limits.entrySet()) {
            if (resources.find(e.getKey()).isEmpty()) {
                return Uni.createFrom().failure(FaultException.badRequest("Unknown resource " + e.getKey()));
            }
            if (e.getValue() == null || e.getValue() < 0) {
                return Uni.createFrom().failure(FaultException.badRequest("Invalid limit for " + e.getKey()));
            }
        }
        String id = userId.toString();
        Instant now = Instant.now();
        return pool.withTransaction(tx -> users.findForUpdate(tx, userId)
                .onItem().ifNull().failWith(() -> FaultException.notFound("No such user"))
                .chain(u -> Multi.createFrom().iterable(limits.entrySet())
                        .onItem().transformToUniAndConcatenate(e -> {
                            HoldingKey projectKey = HoldingKey.project(id, e.getKey());
                            HoldingKey memberKey = HoldingKey.member(id, id, e.getKey());
                            return holdings.lock(tx, List.of(projectKey, memberKey)).chain(found -> {
                                long old = found.containsKey(projectKey) ? found.get(projectKey).limit() : 0;
                                return projects.upsertResource(tx, userId, e.getKey(), e.getValue(), e.getValue())
                                        .chain(() -> holdings.insert(tx, projectKey, e.getValue()))
                                        .chain(() -> holdings.insert(tx, memberKey, e.getValue()))
                                        .chain(() -> users.nextSequence(tx, userId))
                                        .chain(seq -> outbox.append(tx, EventCatalog.BASE_QUOTA_UPDATED, id,
                                                new BaseQuotaUpdated(id, id, e.getKey(), old, e.getValue(), seq, now)));
                            });
                        })
                        .collect().asList())
                .chain(() -> holdings.lock(tx, resources.all().stream()
                        .map(r -> HoldingKey.project(id, r.name())).toList()))
                .map(found -> {
                    Map<String, Long> base = new LinkedHashMap<>();
                    for (Resource r : resources.all()) {
                        var h = found.get(HoldingKey.project(id, r.name()));
                        if (h != null) {
                            base.put(r.name(), h.limit());
                        }
                    }
                    return base;
                }));
    }

    /** Applies one change to a user under a row lock and records it in the outbox. */
    private Uni<User> update(UUID uuid, String change, Change apply, java.util.function.Function<User, String> status) {
        return pool.withTransaction(tx -> users.findForUpdate(tx, uuid)
                .onItem().ifNull().failWith(() -> FaultException.notFound("No such user"))
                .chain(before -> apply.run(tx, before)
                        .chain(seq -> users.find(tx, uuid))
                        .call(after -> outbox.append(tx, EventCatalog.USER_UPDATED, uuid.toString(),
                                new UserUpdated(uuid.toString(), after.defaultProject().toString(), change,
                                        status.apply(before), status.apply(after), after.sequence(), Instant.now())))));
    }

    @FunctionalInterface
    private interface Change {
        Uni<Long> run(SqlConnection tx, User before);
    }

    static UUID parseUuid(String value) {
        try {
            UUID uuid = UUID.fromString(value);
            return uuid.toString().equalsIgnoreCase(value) ? uuid : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
