package org.nefos.compute.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.backend.VncConsoleServer;
import org.nefos.compute.domain.Flavor;
import org.nefos.compute.domain.OperState;
import org.nefos.compute.domain.QuotaEffects;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerAction;
import org.nefos.compute.domain.ServerStateMachine;
import org.nefos.compute.domain.Task;
import org.nefos.compute.repository.FlavorRepository;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.events.EventCatalog;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.quota.Provision;

/** {@code POST /servers/{id}/action}: admission, quota, and the backend job (or the synchronous effect). */
@ApplicationScoped
public class ServerActionService {

    /** What {@code console} answers. */
    public record Console(String type, String host, int port, String password) {
    }

    @Inject
    Pool pool;

    @Inject
    ServerRepository servers;

    @Inject
    FlavorRepository flavors;

    @Inject
    Commissions commissions;

    @Inject
    ServerEvents events;

    @Inject
    VncConsoleServer console;

    public Uni<Void> start(Principal caller, long id) {
        return submit(caller, id, ServerAction.START, Task.START, null, Map.of(),
                (s, f) -> QuotaEffects.power(s.userId(), s.project(), f, 1));
    }

    public Uni<Void> shutdown(Principal caller, long id) {
        return submit(caller, id, ServerAction.SHUTDOWN, Task.SHUTDOWN, null, Map.of(),
                (s, f) -> QuotaEffects.power(s.userId(), s.project(), f, -1));
    }

    /** SOFT or HARD; a reboot of a stopped server starts it and charges the running resources. */
    public Uni<Void> reboot(Principal caller, long id, String type) {
        return submit(caller, id, ServerAction.REBOOT, Task.REBOOT, null, Map.of("type", type),
                (s, f) -> s.operState() == OperState.STOPPED ? QuotaEffects.power(s.userId(), s.project(), f, 1)
                        : List.of());
    }

    public Uni<Void> resize(Principal caller, long id, long flavorId) {
        return flavors.find(pool, flavorId).chain(target -> {
            if (target == null || target.deleted()) {
                throw FaultException.notFound("Flavor " + flavorId + " not found.");
            }
            if (!target.allowCreate()) {
                throw FaultException.forbidden("Flavor " + flavorId + " cannot be used.");
            }
            return submit(caller, id, ServerAction.RESIZE, Task.RESIZE, target, Map.of(), (s, current) -> {
                if (current.id() == target.id()) {
                    throw FaultException.badRequest("The server already has flavor " + flavorId + ".");
                }
                if (current.disk() != target.disk()) {
                    throw FaultException.badRequest("Cannot change instance's disk size.");
                }
                if (current.volumeType() != target.volumeType()) {
                    throw FaultException.badRequest("Cannot change instance's volume type.");
                }
                return s.quotaHeld() ? QuotaEffects.resize(s.userId(), s.project(), current, target, s.running())
                        : List.of();
            });
        });
    }

    /** Synchronous: the server and its quota move to {@code project} at once. */
    public Uni<Void> reassign(Principal caller, long id, String project, boolean shared) {
        if (shared) {
            throw FaultException.forbidden("Sharing resources to projects is not enabled.");
        }
        if (!caller.projects().contains(project)) {
            throw FaultException.badRequest("User " + caller.id() + " not in project " + project);
        }
        return current(caller, id).chain(s -> {
            ServerStateMachine.admit(s, ServerAction.REASSIGN);
            if (s.project().equals(project)) {
                return Uni.createFrom().voidItem();
            }
            return settlePrevious(s).chain(() -> flavors.find(pool, s.flavorId())).chain(f -> {
                Uni<Long> moved = s.quotaHeld()
                        ? commissions.issueAccepted("cyclades server reassign",
                                QuotaEffects.move(s.userId(), s.project(), project, f, s.running()))
                        : Uni.createFrom().nullItem();
                return moved.chain(serial -> pool.withTransaction(tx -> servers.find(tx, id, caller.id(), true)
                        .map(ServerService::visible)
                        .chain(locked -> {
                            ServerStateMachine.admit(locked, ServerAction.REASSIGN);
                            return servers.update(tx, id, Map.of("project", project))
                                    .chain(seq -> events.changed(tx, EventCatalog.SERVER_UPDATED, locked, project,
                                            "reassign", locked.status(), locked.status(), null, seq));
                        })));
            });
        });
    }

    public Uni<Console> console(Principal caller, long id, String type) {
        return current(caller, id).map(s -> {
            ServerStateMachine.admit(s, ServerAction.CONSOLE);
            return new Console(type, console.host(), console.port(), console.issuePassword());
        });
    }

    /** The profile applies to one of the server's NICs; servers have none until network-service exists. */
    public Uni<Void> firewallProfile(Principal caller, long id, String profile, String nic) {
        return current(caller, id).map(s -> {
            ServerStateMachine.admit(s, ServerAction.FIREWALL);
            throw FaultException.notFound("NIC " + nic + " not found on server " + id + ".");
        });
    }

    private Uni<Server> current(Principal caller, long id) {
        return servers.find(pool, id, caller.id(), false).map(ServerService::visible);
    }

    /** A decided but unsent commission goes out before a new one is issued. */
    private Uni<Void> settlePrevious(Server s) {
        return s.commissionSerial() == null ? Uni.createFrom().voidItem() : commissions.settle(s.id());
    }

    interface QuotaRule {
        List<Provision> provisions(Server s, Flavor current);
    }

    private Uni<Void> submit(Principal caller, long id, ServerAction action, Task task, Flavor target,
            Map<String, String> params, QuotaRule rule) {
        return current(caller, id).chain(s -> {
            ServerStateMachine.admit(s, action);
            return settlePrevious(s).chain(() -> flavors.find(pool, s.flavorId())).chain(current -> {
                List<Provision> provisions = rule.provisions(s, current);
                Uni<Long> commission = provisions.isEmpty() ? Uni.createFrom().nullItem()
                        : commissions.issue("cyclades server " + action.wireName(), provisions, false);
                Flavor after = target != null ? target : current;
                return commission.chain(serial -> pool.withTransaction(tx -> servers.find(tx, id, caller.id(), true)
                        .map(ServerService::visible)
                        .chain(locked -> {
                            ServerStateMachine.admit(locked, action);
                            return servers.nextJobId(tx).chain(jobId -> {
                                Map<String, Object> set = new LinkedHashMap<>();
                                set.put("task", task.name());
                                set.put("job_id", jobId);
                                set.put("task_started", OffsetDateTime.now(ZoneOffset.UTC));
                                set.put("target_flavor_id", target == null ? null : target.id());
                                set.put("commission_serial", serial);
                                set.put("commission_outcome", null);
                                return servers.update(tx, id, set)
                                        .chain(seq -> events.command(tx, locked, task, jobId, after, params, seq));
                            });
                        }))
                        .onFailure().call(e -> serial == null ? Uni.createFrom().voidItem()
                                : commissions.rejectQuietly(serial)));
            });
        });
    }
}
