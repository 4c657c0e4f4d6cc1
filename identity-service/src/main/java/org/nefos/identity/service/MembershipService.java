package org.nefos.identity.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import org.nefos.events.identity.MembershipUpdated;
import org.nefos.identity.domain.Membership;
import org.nefos.identity.domain.Project;
import org.nefos.identity.domain.ProjectStates;
import org.nefos.identity.repository.ProjectStore;
import org.nefos.identity.repository.UserRepository;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.SynnefoDates;
import org.nefos.platform.outbox.Outbox;

/** Memberships (identity-api.md 7): join, enroll and the five actions, with their quota effects. */
@ApplicationScoped
public class MembershipService {

    /** A membership and what its viewer may do with it now. */
    public record MembershipView(Membership membership, List<String> allowedActions) {
    }

    static final Set<String> ACTIONS = Set.of("accept", "reject", "cancel", "leave", "remove");

    @Inject
    Pool pool;

    @Inject
    ProjectStore store;

    @Inject
    UserRepository users;

    @Inject
    ProjectAdmins admins;

    @Inject
    Outbox outbox;

    public Uni<List<MembershipView>> list(UUID caller, String project) {
        UUID projectId = null;
        if (project != null) {
            projectId = ProjectService.parseOrNull(project);
            if (projectId == null) {
                return Uni.createFrom().failure(ProjectService.notFound(project));
            }
        }
        UUID filter = projectId;
        Uni<Project> check = filter == null ? Uni.createFrom().nullItem()
                : store.find(pool, filter, false).onItem().ifNull().failWith(() -> ProjectService.notFound(project));
        return check.chain(() -> store.memberships(pool, caller, admins.isAdmin(caller), filter))
                .chain(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(m -> store.find(pool, m.project(), false)
                                .map(p -> new MembershipView(m, allowed(caller, m, p))))
                        .collect().asList());
    }

    public Uni<MembershipView> get(UUID caller, long id) {
        return store.membership(pool, id, false).chain(m -> {
            if (m == null) {
                return Uni.createFrom().failure(notFound(id));
            }
            return store.find(pool, m.project(), false).map(p -> {
                if (!admins.isAdmin(caller) && !caller.equals(p.owner()) && !caller.equals(m.person())) {
                    throw FaultException.forbidden("You may not see membership " + id + ".");
                }
                return new MembershipView(m, allowed(caller, m, p));
            });
        });
    }

    /** {@code join}: requested, or accepted at once for an auto-join project with room. */
    public Uni<Long> join(UUID caller, String projectId) {
        UUID uuid = ProjectService.parseOrNull(projectId);
        if (uuid == null) {
            return Uni.createFrom().failure(ProjectService.notFound(projectId));
        }
        return pool.withTransaction(tx -> store.find(tx, uuid, true).chain(p -> {
            if (p == null) {
                return Uni.createFrom().<Long>failure(ProjectService.notFound(projectId));
            }
            if (!p.alive()) {
                return Uni.createFrom().failure(FaultException.conflict("Project " + projectId + " is not alive."));
            }
            if ("closed".equals(p.joinPolicy())) {
                return Uni.createFrom().failure(FaultException.conflict("Project " + projectId + " is closed to new members."));
            }
            return store.membership(tx, uuid, caller, true).chain(existing -> {
                if (existing != null && !ProjectStates.REUSABLE.contains(existing.state())) {
                    return Uni.createFrom().<Long>failure(FaultException.conflict("You are already a member of project "
                            + projectId + " (" + existing.state() + ")."));
                }
                return store.countMembers(tx, uuid).chain(count -> {
                    boolean auto = "auto".equals(p.joinPolicy()) && count < p.maxMembers();
                    return enter(tx, p, caller, existing, ProjectStates.M_REQUESTED, "joined")
                            .call(id -> auto ? transition(tx, p, id, ProjectStates.M_ACCEPTED, "accepted")
                                    : Uni.createFrom().voidItem());
                });
            });
        }));
    }

    /** {@code enroll}: the owner or an admin adds a user by e-mail, accepted directly. */
    public Uni<Long> enroll(UUID caller, String projectId, String email) {
        UUID uuid = ProjectService.parseOrNull(projectId);
        if (uuid == null) {
            return Uni.createFrom().failure(FaultException.conflict("There is no project identified by " + projectId + "."));
        }
        return pool.withTransaction(tx -> store.find(tx, uuid, true).chain(p -> {
            if (p == null) {
                return Uni.createFrom().<Long>failure(FaultException.conflict("There is no project identified by " + projectId + "."));
            }
            if (!admins.isAdmin(caller) && !caller.equals(p.owner())) {
                return Uni.createFrom().failure(FaultException.forbidden("Only the owner may enroll members in project " + projectId + "."));
            }
            return users.findByEmail(tx, email == null ? "" : email).chain(user -> {
                if (user == null || !user.moderated() || user.rejected()) {
                    return Uni.createFrom().<Long>failure(FaultException.conflict("There is no accepted user " + email + "."));
                }
                if (!user.active()) {
                    return Uni.createFrom().failure(FaultException.conflict("User " + email + " is inactive."));
                }
                if (!p.alive()) {
                    return Uni.createFrom().failure(FaultException.conflict("Project " + projectId + " is not alive."));
                }
                if ("closed".equals(p.joinPolicy())) {
                    return Uni.createFrom().failure(FaultException.conflict("Project " + projectId + " is closed to new members."));
                }
                return store.countMembers(tx, uuid).chain(count -> store.membership(tx, uuid, user.uuid(), true)
                        .chain(existing -> {
                            if (existing != null && ProjectStates.COUNTED.contains(existing.state())) {
                                return Uni.createFrom().<Long>failure(FaultException.conflict(email + " is already a member."));
                            }
                            if (count >= p.maxMembers()) {
                                return Uni.createFrom().failure(FaultException.conflict("Project " + projectId + " is full."));
                            }
                            return enter(tx, p, user.uuid(), existing, ProjectStates.M_ACCEPTED, "enrolled");
                        }));
            });
        }));
    }

    /** {@code POST /projects/memberships/{id}/action}: state (409), then permission (403), then project (409). */
    public Uni<Void> act(UUID caller, long id, String action) {
        return pool.withTransaction(tx -> store.membership(tx, id, true).chain(m -> {
            if (m == null) {
                return Uni.createFrom().<Void>failure(notFound(id));
            }
            return store.find(tx, m.project(), true).chain(p -> {
                Set<String> from = switch (action) {
                    case "accept", "reject", "cancel" -> Set.of(ProjectStates.M_REQUESTED);
                    default -> ProjectStates.COUNTED;
                };
                if (!from.contains(m.state())) {
                    return Uni.createFrom().<Void>failure(FaultException.conflict(
                            "Cannot " + action + " a membership in state " + m.state() + "."));
                }
                if (!permitted(caller, action, m, p)) {
                    return Uni.createFrom().failure(FaultException.forbidden("You may not " + action + " membership " + id + "."));
                }
                String problem = projectProblem(action, p);
                if (problem != null) {
                    return Uni.createFrom().failure(FaultException.conflict(problem));
                }
                Uni<Void> room = !action.equals("accept") ? Uni.createFrom().voidItem()
                        : store.countMembers(tx, p.uuid()).map(n -> {
                            if (n >= p.maxMembers()) {
                                throw FaultException.conflict("Project " + p.uuid() + " is full.");
                            }
                            return null;
                        }).chain(() -> users.find(tx, m.person())).map(u -> {
                            if (u == null || !u.active()) {
                                throw FaultException.conflict("The member's account is not active.");
                            }
                            return null;
                        }).replaceWithVoid();
                String target = switch (action) {
                    case "accept" -> ProjectStates.M_ACCEPTED;
                    case "reject" -> ProjectStates.M_REJECTED;
                    case "cancel" -> ProjectStates.M_CANCELLED;
                    case "leave" -> "auto".equals(p.leavePolicy()) ? ProjectStates.M_REMOVED : ProjectStates.M_LEAVE_REQUESTED;
                    default -> ProjectStates.M_REMOVED;
                };
                String change = switch (action) {
                    case "accept" -> "accepted";
                    case "reject" -> "rejected";
                    case "cancel" -> "cancelled";
                    case "leave" -> "left";
                    default -> "removed";
                };
                return room.chain(() -> transition(tx, p, id, target, change));
            });
        }));
    }

    /** Creates (or re-uses a finished) membership in {@code state}; returns its id. */
    private Uni<Long> enter(SqlConnection tx, Project p, UUID person, Membership existing, String state, String change) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, String> dates = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing.dates());
        if (state.equals(ProjectStates.M_ACCEPTED)) {
            dates.putIfAbsent(ProjectStates.M_REQUESTED, SynnefoDates.format(now));
        }
        dates.put(state, SynnefoDates.format(now));
        Uni<long[]> written = existing == null
                ? store.insertMembership(tx, p.uuid(), person, state, dates).map(id -> new long[] {id, 1})
                : store.updateMembership(tx, existing.id(), state, dates).map(seq -> new long[] {existing.id(), seq});
        return written.call(w -> state.equals(ProjectStates.M_ACCEPTED) ? store.syncHoldings(tx, p.uuid())
                        : Uni.createFrom().voidItem())
                .call(w -> outbox.append(tx, EventCatalog.MEMBERSHIP_UPDATED, p.uuid().toString(),
                        new MembershipUpdated(w[0], p.uuid().toString(), person.toString(), change,
                                existing == null ? null : existing.state(), state, w[1], now)))
                .map(w -> w[0]);
    }

    private Uni<Void> transition(SqlConnection tx, Project p, long id, String state, String change) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.membership(tx, id, true).chain(m -> {
            Map<String, String> dates = new LinkedHashMap<>(m.dates());
            dates.put(state, SynnefoDates.format(now));
            Uni<Integer> reset = state.equals(ProjectStates.M_REMOVED)
                    ? store.resetDefaultProjects(tx, p.uuid(), m.person()) : Uni.createFrom().item(0);
            return store.updateMembership(tx, id, state, dates)
                    .call(() -> store.syncHoldings(tx, p.uuid()))
                    .call(() -> reset)
                    .chain(seq -> outbox.append(tx, EventCatalog.MEMBERSHIP_UPDATED, p.uuid().toString(),
                            new MembershipUpdated(id, p.uuid().toString(), m.person().toString(), change, m.state(), state,
                                    seq, now)))
                    .replaceWithVoid();
        });
    }

    private boolean permitted(UUID caller, String action, Membership m, Project p) {
        boolean admin = admins.isAdmin(caller);
        boolean owner = caller.equals(p.owner());
        boolean member = caller.equals(m.person());
        return switch (action) {
            case "accept", "reject", "remove" -> admin || owner;
            default -> admin || member;
        };
    }

    /** The project-side precondition of an action, or null when it holds. */
    private static String projectProblem(String action, Project p) {
        if (!p.alive()) {
            return "Project " + p.uuid() + " is not alive.";
        }
        if (action.equals("accept") && "closed".equals(p.joinPolicy())) {
            return "Project " + p.uuid() + " is closed to new members.";
        }
        if ((action.equals("leave") || action.equals("remove")) && "closed".equals(p.leavePolicy())) {
            return "Members cannot leave project " + p.uuid() + ".";
        }
        return null;
    }

    /** The actions the caller could perform now, with the rules of {@link #act}. */
    List<String> allowed(UUID caller, Membership m, Project p) {
        List<String> out = new ArrayList<>();
        for (String action : List.of("accept", "reject", "cancel", "leave", "remove")) {
            Set<String> from = switch (action) {
                case "accept", "reject", "cancel" -> Set.of(ProjectStates.M_REQUESTED);
                default -> ProjectStates.COUNTED;
            };
            if (from.contains(m.state()) && permitted(caller, action, m, p) && projectProblem(action, p) == null) {
                out.add(action);
            }
        }
        return out;
    }

    static FaultException notFound(long id) {
        return FaultException.notFound("There is no membership identified by " + id + ".");
    }
}
