package org.nefos.identity.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.events.EventCatalog;
import org.nefos.events.identity.ProjectCreated;
import org.nefos.events.identity.ProjectUpdated;
import org.nefos.identity.domain.Application;
import org.nefos.identity.domain.Application.Capacity;
import org.nefos.identity.domain.Project;
import org.nefos.identity.domain.ProjectSpec;
import org.nefos.identity.domain.ProjectStates;
import org.nefos.identity.domain.Resource;
import org.nefos.identity.repository.ProjectRepository;
import org.nefos.identity.repository.ProjectStore;
import org.nefos.identity.repository.UserRepository;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.outbox.Outbox;

/** Projects and their applications (identity-api.md 6) with the permission rules and quota effects. */
@ApplicationScoped
public class ProjectService {

    /** A project with what its viewer may see of it. */
    public record ProjectView(Project project, Map<String, Capacity> resources, Application lastApplication,
            boolean privileged) {
    }

    /** What apply and modify answer: {@code {"id": ..., "application": ...}}. */
    public record Submitted(UUID project, long application) {
    }

    @Inject
    Pool pool;

    @Inject
    ProjectStore store;

    @Inject
    ProjectRepository projects;

    @Inject
    UserRepository users;

    @Inject
    Resources resources;

    @Inject
    ProjectAdmins admins;

    @Inject
    PendingApplications pendingApps;

    @Inject
    Outbox outbox;

    public Uni<List<ProjectView>> list(UUID caller, String mode, String name, String owner, String state) {
        String m = mode == null ? "default" : mode;
        if (!Set.of("default", "related", "member", "active").contains(m)) {
            return Uni.createFrom().failure(FaultException.badRequest("Unrecognized mode " + mode));
        }
        if (state != null && !ProjectStates.PROJECT_STATES.contains(state)) {
            return Uni.createFrom().failure(FaultException.badRequest("Unrecognized state " + state));
        }
        UUID ownerId = owner == null ? null : parseOrNull(owner);
        if (owner != null && ownerId == null) {
            return Uni.createFrom().item(List.of());
        }
        boolean admin = admins.isAdmin(caller);
        return store.list(pool, caller, admin, m, name, ownerId, state)
                .chain(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(p -> view(pool, caller, p))
                        .collect().asList());
    }

    public Uni<ProjectView> get(UUID caller, String id) {
        UUID uuid = parseOrNull(id);
        if (uuid == null) {
            return Uni.createFrom().failure(notFound(id));
        }
        return store.find(pool, uuid, false).chain(p -> {
            if (p == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            return readable(pool, caller, p).chain(ok -> ok ? view(pool, caller, p)
                    : Uni.createFrom().failure(FaultException.forbidden("You do not have access to project " + id + ".")));
        });
    }

    /** {@code POST /projects}: a new uninitialized project and its pending application. */
    public Uni<Submitted> apply(UUID caller, ProjectSpec spec) {
        return apply(caller, spec, admins.isAdmin(caller));
    }

    private Uni<Submitted> apply(UUID caller, ProjectSpec spec, boolean admin) {
        UUID owner = spec.owner() != null ? spec.owner() : caller;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.randomUUID();
        Project project = new Project(id, spec.name(), ProjectStates.UNINITIALIZED, owner, nz(spec.homepage()),
                nz(spec.description()), now, spec.endDate(), or(spec.joinPolicy(), "moderated"),
                or(spec.leavePolicy(), "auto"), spec.maxMembers() == null ? Resource.INFINITE : spec.maxMembers(),
                Boolean.TRUE.equals(spec.privateProject()), false, null, null, 1);
        Map<String, Capacity> requested = spec.resources() == null ? Map.of() : spec.resources();
        return pool.withTransaction(tx -> requireAcceptedUser(tx, owner)
                .chain(() -> pendingApps.charge(tx, caller, admin))
                .chain(() -> store.insert(tx, project))
                .chain(() -> Multi.createFrom().iterable(requested.entrySet())
                        .onItem().transformToUniAndConcatenate(e -> projects.upsertResource(tx, id, e.getKey(),
                                e.getValue().projectCapacity(), e.getValue().memberCapacity()))
                        .collect().asList())
                .chain(() -> store.insertApplication(tx, application(id, caller, spec, owner, requested, now)))
                .call(appId -> store.update(tx, withLastApplication(project, appId)))
                .call(appId -> outbox.append(tx, EventCatalog.PROJECT_CREATED, id.toString(),
                        new ProjectCreated(id.toString(), owner.toString(), caller.toString(), spec.name(), appId,
                                ProjectStates.UNINITIALIZED, 2, now)))
                .map(appId -> new Submitted(id, appId)));
    }

    /** {@code PUT /projects/{id}}: a pending application holding just the changes. */
    public Uni<Submitted> modify(UUID caller, String id, ProjectSpec spec) {
        UUID uuid = parseOrNull(id);
        if (uuid == null) {
            return Uni.createFrom().failure(notFound(id));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        boolean admin = admins.isAdmin(caller);
        return pool.withTransaction(tx -> lockProject(tx, uuid, id).chain(p -> {
            if (!admin && !caller.equals(p.owner())) {
                return Uni.createFrom().<Submitted>failure(FaultException.forbidden("Only the owner may modify project " + id + "."));
            }
            if (!p.initialized()) {
                return Uni.createFrom().failure(FaultException.conflict("Cannot modify an uninitialized project"));
            }
            if (p.systemProject() && (spec.owner() != null || spec.name() != null || spec.homepage() != null
                    || spec.description() != null)) {
                return Uni.createFrom().failure(FaultException.conflict(
                        "The owner, name, homepage and description of a system project cannot change"));
            }
            Map<String, Capacity> requested = spec.resources() == null ? Map.of() : spec.resources();
            Uni<Void> owner = spec.owner() == null ? Uni.createFrom().voidItem() : requireAcceptedUser(tx, spec.owner());
            return owner
                    .chain(() -> pendingApps.charge(tx, caller, admin))
                    .chain(() -> replacePending(tx, uuid))
                    .chain(() -> store.insertApplication(tx, application(uuid, caller, spec, spec.owner(), requested, now)))
                    .call(appId -> store.update(tx, withLastApplication(p, appId))
                            .chain(seq -> outbox.append(tx, EventCatalog.PROJECT_UPDATED, id,
                                    new ProjectUpdated(id, str(p.owner()), "modification_submitted", appId, p.state(),
                                            p.state(), seq, now))))
                    .map(appId -> new Submitted(uuid, appId));
        }));
    }

    /** {@code POST /projects/{id}/action} (identity-api.md 6.7). */
    public Uni<Void> act(UUID caller, String id, String action, Long appId) {
        UUID uuid = parseOrNull(id);
        if (uuid == null) {
            return Uni.createFrom().failure(notFound(id));
        }
        boolean admin = admins.isAdmin(caller);
        return pool.withTransaction(tx -> lockProject(tx, uuid, id).chain(p -> switch (action) {
            case "suspend", "unsuspend", "terminate", "reinstate" -> projectAction(tx, caller, admin, p, action);
            case "approve", "deny", "dismiss", "cancel" -> applicationAction(tx, caller, admin, p, action, appId);
            default -> Uni.createFrom().failure(FaultException.badRequest("No recognized action"));
        }));
    }

    /** Operator shortcut (admin API): a project created and approved at once, owned by {@code owner}. */
    public Uni<Submitted> createApproved(UUID owner, ProjectSpec spec) {
        return apply(owner, spec, true).call(s -> pool.withTransaction(tx -> lockProject(tx, s.project(), s.project().toString())
                .chain(p -> applicationAction(tx, owner, true, p, "approve", s.application()))));
    }

    private Uni<Void> projectAction(SqlConnection tx, UUID caller, boolean admin, Project p, String action) {
        if (!admin) {
            return Uni.createFrom().failure(FaultException.forbidden("Only project administrators may " + action + " projects."));
        }
        if (!ProjectStates.actionSources(action).contains(p.state())) {
            return Uni.createFrom().failure(FaultException.conflict("Cannot " + action + " a project in state " + p.state() + "."));
        }
        if (action.equals("terminate") && p.systemProject()) {
            return Uni.createFrom().failure(FaultException.conflict("A system project cannot be terminated."));
        }
        Uni<Boolean> nameFree = action.equals("reinstate") ? store.nameTaken(tx, p.name(), p.uuid()).map(t -> !t)
                : Uni.createFrom().item(true);
        return nameFree.chain(free -> {
            if (!free) {
                return Uni.createFrom().failure(FaultException.conflict("Another project holds the name " + p.name() + "."));
            }
            String target = ProjectStates.actionTarget(action);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            boolean deactivating = target.equals(ProjectStates.SUSPENDED) || target.equals(ProjectStates.TERMINATED);
            Project next = new Project(p.uuid(), p.name(), target, p.owner(), p.homepage(), p.description(), p.created(),
                    p.endDate(), p.joinPolicy(), p.leavePolicy(), p.maxMembers(), p.privateProject(), p.systemProject(),
                    deactivating ? now : p.deactivationDate(), p.lastApplication(), p.sequence());
            Uni<Integer> reset = target.equals(ProjectStates.TERMINATED) ? store.resetDefaultProjects(tx, p.uuid(), null)
                    : Uni.createFrom().item(0);
            String change = switch (action) {
                case "suspend" -> "suspended";
                case "unsuspend" -> "unsuspended";
                case "terminate" -> "terminated";
                default -> "reinstated";
            };
            return store.update(tx, next)
                    .call(() -> store.syncHoldings(tx, p.uuid()))
                    .call(() -> reset)
                    .chain(seq -> outbox.append(tx, EventCatalog.PROJECT_UPDATED, p.uuid().toString(),
                            new ProjectUpdated(p.uuid().toString(), str(p.owner()), change, null, p.state(), target, seq, now)))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> applicationAction(SqlConnection tx, UUID caller, boolean admin, Project p, String action, Long appId) {
        if (appId == null) {
            return Uni.createFrom().failure(FaultException.badRequest("Malformed request: 'app_id' is required for " + action));
        }
        return store.findApplication(tx, appId).chain(app -> {
            if (app == null || !app.project().equals(p.uuid())) {
                return Uni.createFrom().<Void>failure(FaultException.notFound("There is no application identified by " + appId + "."));
            }
            boolean applicantOrAdmin = admin || caller.equals(app.applicant());
            boolean allowed = switch (action) {
                case "approve", "deny" -> admin;
                default -> applicantOrAdmin;
            };
            if (!allowed) {
                return Uni.createFrom().failure(FaultException.forbidden("You may not " + action + " application " + appId + "."));
            }
            if (!appId.equals(p.lastApplication())) {
                return Uni.createFrom().failure(FaultException.conflict("Application " + appId + " is not the project's last application."));
            }
            String required = action.equals("dismiss") ? ProjectStates.APP_DENIED : ProjectStates.APP_PENDING;
            if (!required.equals(app.state())) {
                return Uni.createFrom().failure(FaultException.conflict("Cannot " + action + " an application in state " + app.state() + "."));
            }
            return switch (action) {
                case "approve" -> approve(tx, p, app);
                case "deny" -> settle(tx, p, app, ProjectStates.APP_DENIED, p.state(), "denied", true);
                case "cancel" -> settle(tx, p, app, ProjectStates.APP_CANCELLED,
                        p.state().equals(ProjectStates.UNINITIALIZED) ? ProjectStates.DELETED : p.state(), "cancelled", true);
                default -> settle(tx, p, app, ProjectStates.APP_DISMISSED,
                        p.state().equals(ProjectStates.UNINITIALIZED) ? ProjectStates.DELETED : p.state(), "dismissed", false);
            };
        });
    }

    private Uni<Void> approve(SqlConnection tx, Project p, Application app) {
        String name = app.name() != null ? app.name() : p.name();
        return store.nameTaken(tx, name, p.uuid()).chain(taken -> {
            if (taken) {
                return Uni.createFrom().failure(FaultException.conflict("Another project holds the name " + name + "."));
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            Project next = new Project(p.uuid(), name, ProjectStates.ACTIVE, app.owner() != null ? app.owner() : p.owner(),
                    app.homepage() != null ? app.homepage() : p.homepage(),
                    app.description() != null ? app.description() : p.description(), p.created(),
                    app.endDate() != null ? app.endDate() : p.endDate(),
                    app.joinPolicy() != null ? app.joinPolicy() : p.joinPolicy(),
                    app.leavePolicy() != null ? app.leavePolicy() : p.leavePolicy(),
                    app.maxMembers() != null ? app.maxMembers() : p.maxMembers(),
                    app.privateProject() != null ? app.privateProject() : p.privateProject(), p.systemProject(),
                    p.deactivationDate(), p.lastApplication(), p.sequence());
            Map<String, Capacity> capacities = new LinkedHashMap<>();
            if (p.state().equals(ProjectStates.UNINITIALIZED)) {
                for (Resource r : resources.all()) {
                    capacities.put(r.name(), new Capacity(r.projectDefault(), r.projectDefault()));
                }
            }
            capacities.putAll(app.resources());
            return store.setApplicationState(tx, app.id(), ProjectStates.APP_APPROVED)
                    .chain(() -> Multi.createFrom().iterable(capacities.entrySet())
                            .onItem().transformToUniAndConcatenate(e -> projects.upsertResource(tx, p.uuid(), e.getKey(),
                                    e.getValue().projectCapacity(), e.getValue().memberCapacity()))
                            .collect().asList())
                    .chain(() -> store.update(tx, next))
                    .call(() -> store.syncHoldings(tx, p.uuid()))
                    .call(() -> pendingApps.release(tx, app.applicant()))
                    .chain(seq -> outbox.append(tx, EventCatalog.PROJECT_UPDATED, p.uuid().toString(),
                            new ProjectUpdated(p.uuid().toString(), str(next.owner()), "approved", app.id(), p.state(),
                                    ProjectStates.ACTIVE, seq, now)))
                    .replaceWithVoid();
        });
    }

    private Uni<Void> settle(SqlConnection tx, Project p, Application app, String appState, String projectState,
            String change, boolean releasePending) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Project next = new Project(p.uuid(), p.name(), projectState, p.owner(), p.homepage(), p.description(), p.created(),
                p.endDate(), p.joinPolicy(), p.leavePolicy(), p.maxMembers(), p.privateProject(), p.systemProject(),
                p.deactivationDate(), p.lastApplication(), p.sequence());
        Uni<Void> release = releasePending ? pendingApps.release(tx, app.applicant()) : Uni.createFrom().voidItem();
        return store.setApplicationState(tx, app.id(), appState)
                .chain(() -> release)
                .chain(() -> store.update(tx, next))
                .chain(seq -> outbox.append(tx, EventCatalog.PROJECT_UPDATED, p.uuid().toString(),
                        new ProjectUpdated(p.uuid().toString(), str(p.owner()), change, app.id(), p.state(), projectState,
                                seq, now)))
                .replaceWithVoid();
    }

    /** Older pending applications of the project become {@code replaced} and give their unit back. */
    private Uni<Void> replacePending(SqlConnection tx, UUID project) {
        return store.pendingApplications(tx, project).chain(list -> Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(a -> store.setApplicationState(tx, a.id(), ProjectStates.APP_REPLACED)
                        .chain(() -> pendingApps.release(tx, a.applicant())))
                .collect().asList()).replaceWithVoid();
    }

    /** Admin, owner, a member (accepted, leave_requested, suspended) or anyone for an active public project. */
    Uni<Boolean> readable(io.vertx.mutiny.sqlclient.SqlClient db, UUID caller, Project p) {
        if (admins.isAdmin(caller) || caller.equals(p.owner()) || (p.active() && !p.privateProject())) {
            return Uni.createFrom().item(true);
        }
        return store.membership(db, p.uuid(), caller, false)
                .map(m -> m != null && ProjectStates.COUNTED.contains(m.state()));
    }

    private Uni<ProjectView> view(io.vertx.mutiny.sqlclient.SqlClient db, UUID caller, Project p) {
        boolean privileged = admins.isAdmin(caller) || caller.equals(p.owner());
        Uni<Application> last = privileged && p.lastApplication() != null ? store.findApplication(db, p.lastApplication())
                : Uni.createFrom().nullItem();
        return store.resources(db, p.uuid()).chain(res -> last.map(app -> new ProjectView(p, res, app, privileged)));
    }

    private Uni<Project> lockProject(SqlConnection tx, UUID uuid, String id) {
        return store.find(tx, uuid, true).onItem().ifNull().failWith(() -> notFound(id));
    }

    private Uni<Void> requireAcceptedUser(SqlConnection tx, UUID user) {
        return users.find(tx, user).map(u -> {
            if (u == null || !u.moderated() || u.rejected()) {
                throw FaultException.badRequest("Invalid project specification: owner " + user + " is not an accepted user");
            }
            return null;
        }).replaceWithVoid();
    }

    private static Application application(UUID project, UUID applicant, ProjectSpec s, UUID owner,
            Map<String, Capacity> requested, Instant now) {
        return new Application(0, project, ProjectStates.APP_PENDING, applicant, s.name(), owner, s.homepage(),
                s.description(), s.comments(), s.startDate(), s.endDate(), s.joinPolicy(), s.leavePolicy(),
                s.maxMembers(), s.privateProject(), requested, now);
    }

    private static Project withLastApplication(Project p, long appId) {
        return new Project(p.uuid(), p.name(), p.state(), p.owner(), p.homepage(), p.description(), p.created(),
                p.endDate(), p.joinPolicy(), p.leavePolicy(), p.maxMembers(), p.privateProject(), p.systemProject(),
                p.deactivationDate(), appId, p.sequence());
    }

    static FaultException notFound(String id) {
        return FaultException.notFound("There is no project identified by " + id + ".");
    }

    static UUID parseOrNull(String id) {
        return UserService.parseUuid(id);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String or(String s, String fallback) {
        return s == null ? fallback : s;
    }

    private static String str(UUID u) {
        return u == null ? null : u.toString();
    }
}
