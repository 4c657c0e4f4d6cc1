package org.nefos.compute.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.client.ImageClient;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.Flavor;
import org.nefos.compute.domain.QuotaEffects;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerAction;
import org.nefos.compute.domain.ServerStateMachine;
import org.nefos.compute.domain.Task;
import org.nefos.compute.repository.FlavorRepository;
import org.nefos.compute.repository.KeypairRepository;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.compute.rest.dto.CreateServerRequest;
import org.nefos.compute.rest.dto.ServerNetworkRequest;
import org.nefos.events.EventCatalog;
import org.nefos.events.compute.ServerCreateStarted;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.outbox.Outbox;

/** Server lifecycle requests: create, read, rename, delete. Actions live in {@link ServerActionService}. */
@ApplicationScoped
public class ServerService {

    private static final String PASSWORD_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @Inject
    Pool pool;

    @Inject
    ServerRepository servers;

    @Inject
    FlavorRepository flavors;

    @Inject
    KeypairRepository keypairs;

    @Inject
    ImageClient images;

    @Inject
    Commissions commissions;

    @Inject
    ServerEvents events;

    @Inject
    Outbox outbox;

    @Inject
    ComputeConfig config;

    @Inject
    ServerPortService nics;

    @Inject
    AuthContext auth;

    @Inject
    VolumeTransitions volumes;

    @Inject
    VolumeService volumeService;

    private final SecureRandom random = new SecureRandom();

    /**
     * A server admitted in BUILD: quota issued, row, events and the build command committed together, then the
     * commission accepted.
     */
    public Uni<Server> create(Principal caller, CreateServerRequest r) {
        return create(caller, r, null);
    }

    /** With the requested NICs ({@code null}: the default networks, none unless configured). */
    public Uni<Server> create(Principal caller, CreateServerRequest r, List<ServerNetworkRequest> networks) {
        String token = auth.token();
        return flavors.find(pool, r.flavorRef()).chain(flavor -> {
            if (flavor == null || flavor.deleted()) {
                throw FaultException.notFound("Flavor " + r.flavorRef() + " not found.");
            }
            if (!flavor.allowCreate()) {
                throw FaultException.forbidden("Flavor " + flavor.id() + " cannot be used to create servers.");
            }
            if (r.name().length() > 255) {
                throw FaultException.badRequest("Server name is too long (at most 255 characters)");
            }
            MetadataRules.checkCount(r.metadata().size(), config.maxMetadata());
            MetadataRules.checkTags(r.tags(), config.maxTags());
            return images.get(token, r.imageRef()).chain(image -> {
                if (image == null) {
                    throw FaultException.notFound("Image " + r.imageRef() + " not found.");
                }
                if (!"ACTIVE".equals(image.status())) {
                    throw FaultException.badRequest("Image " + image.id() + " is not available.");
                }
                return checkKeys(caller.id(), r.keyNames())
                        .invoke(() -> MetadataRules.checkItems(r.metadata()))
                        .chain(() -> admit(caller, token, r, flavor, networks));
            });
        });
    }

    private Uni<Void> checkKeys(String userId, List<String> names) {
        return Multi.createFrom().iterable(names)
                .onItem().transformToUniAndConcatenate(n -> keypairs.find(pool, userId, n).invoke(k -> {
                    if (k == null) {
                        throw FaultException.notFound("Keypair " + n + " not found.");
                    }
                }))
                .collect().asList().replaceWithVoid();
    }

    private Uni<Server> admit(Principal caller, String token, CreateServerRequest r, Flavor flavor,
            List<ServerNetworkRequest> networks) {
        String project = r.project() != null ? r.project() : caller.defaultProject();
        if (project == null || !caller.projects().contains(project)) {
            throw FaultException.badRequest("User " + caller.id() + " not in project " + project);
        }
        String pass = r.adminPass() != null ? r.adminPass() : password();
        // ports first (their faults come before quota's), under the id the server will have; released again
        // if anything after them fails, so a refused create leaves no port behind
        return nics.reserveServerId().chain(id -> nics.reserve(token, id, networks).chain(reserved -> commissions
                .issue("cyclades server create", QuotaEffects.create(caller.id(), project, flavor), false)
                .chain(serial -> pool.withTransaction(tx -> servers.nextJobId(tx)
                        .chain(jobId -> servers.insert(tx, id, new ServerRepository.NewServer(r.name(), caller.id(),
                                project, r.sharedToProject(), flavor.id(), r.imageRef(), jobId, serial, r.keyNames(),
                                pass)))
                        .call(s -> volumes.createRoot(tx, s, flavor))
                        .call(s -> servers.putMetadata(tx, s.id(), r.metadata()))
                        .call(s -> servers.addTags(tx, s.id(), r.tags()))
                        .call(s -> outbox.append(tx, EventCatalog.SERVER_CREATE_STARTED, ServerEvents.key(s.id()),
                                new ServerCreateStarted(s.id(), s.userId(), s.project(), s.name(), flavor.id(),
                                        s.imageId(), serial, null, "BUILD", s.sequence(), s.created())))
                        .call(s -> events.command(tx, s, Task.BUILD, s.jobId(), flavor, r.metadata(), s.sequence()))
                        .map(s -> s.withMetadataAndTags(r.metadata(), List.of())))
                        .onFailure().call(e -> commissions.rejectQuietly(serial)))
                .onFailure().call(e -> nics.release(token, reserved))))
                // accepted with the request (cyclades-api.md 7.2); the reconciler retries if identity
                // cannot be reached now, and a failed build keeps the charge until the delete
                .call(s -> commissions.settle(s.id()));
    }

    public Uni<Server> get(Principal caller, long id) {
        return servers.find(pool, id, caller.id(), false).map(ServerService::visible);
    }

    /** Without {@code since}: live servers. With it: everything changed since (deleted too), 304 if nothing. */
    public Uni<List<Server>> list(Principal caller, Instant since, boolean details) {
        if (since != null) {
            ChangesSince.checkWindow(since, config.pollLimit());
        }
        return servers.list(pool, caller.id(), since, details).invoke(list -> {
            if (since != null && list.isEmpty()) {
                throw new FaultException(Fault.NOT_MODIFIED, "No changes since " + since);
            }
        });
    }

    public Uni<Void> rename(Principal caller, long id, String name) {
        if (name.length() > 255) {
            throw FaultException.badRequest("Server name is too long (at most 255 characters)");
        }
        return pool.withTransaction(tx -> servers.find(tx, id, caller.id(), true).map(ServerService::visible)
                .chain(s -> {
                    ServerStateMachine.admit(s, ServerAction.MODIFY);
                    return servers.update(tx, id, Map.of("name", name))
                            .chain(seq -> events.changed(tx, EventCatalog.SERVER_UPDATED, s, s.project(), "rename",
                                    s.status(), s.status(), null, seq));
                }));
    }

    /**
     * Delete overtakes any pending job: that job's commission is rejected, what the server holds is released
     * with a forced commission resolved when the destroy job ends.
     */
    public Uni<Void> delete(Principal caller, long id) {
        return servers.find(pool, id, caller.id(), false).map(ServerService::visible).chain(s -> {
            ServerStateMachine.admit(s, ServerAction.DELETE);
            if (s.task() == Task.DESTROY) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> previous = s.commissionSerial() == null ? Uni.createFrom().voidItem()
                    : commissions.resolve(s.commissionSerial(), Boolean.TRUE.equals(s.commissionOutcome()))
                            .chain(() -> servers.clearCommission(pool, s.id(), s.commissionSerial()));
            return previous.chain(() -> flavors.find(pool, s.flavorId())).chain(flavor -> volumeService
                    .releasedWithServer(s.id()).chain(volumeRelease -> {
                // the root volume goes with the flavor's disk; other attached volumes give back their own charge
                List<org.nefos.platform.quota.Provision> given = new java.util.ArrayList<>(s.quotaHeld()
                        ? QuotaEffects.release(s.userId(), s.project(), flavor, s.running()) : List.of());
                given.addAll(volumeRelease);
                Uni<Long> release = !given.isEmpty()
                        ? commissions.issue("cyclades server delete", given, true)
                        : Uni.createFrom().nullItem();
                return release.chain(serial -> destroy(caller, id, flavor, serial)
                        .onFailure().call(e -> serial == null ? Uni.createFrom().voidItem()
                                : commissions.rejectQuietly(serial)));
            }));
        });
    }

    private Uni<Void> destroy(Principal caller, long id, Flavor flavor, Long serial) {
        return pool.withTransaction(tx -> servers.find(tx, id, caller.id(), true).map(ServerService::visible)
                .chain(s -> {
                    ServerStateMachine.admit(s, ServerAction.DELETE);
                    if (s.task() == Task.DESTROY) {
                        throw new FaultException(Fault.CONFLICT, "Server is already being deleted.");
                    }
                    return servers.nextJobId(tx).chain(jobId -> {
                        Map<String, Object> set = new java.util.LinkedHashMap<>();
                        set.put("task", Task.DESTROY.name());
                        set.put("job_id", jobId);
                        set.put("task_started", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC));
                        set.put("target_flavor_id", null);
                        set.put("commission_serial", serial);
                        set.put("commission_outcome", null);
                        return servers.update(tx, id, set)
                                .chain(seq -> events.command(tx, s, Task.DESTROY, jobId, flavor, Map.of(), seq));
                    });
                }));
    }

    public Uni<String> password(Principal caller, long id) {
        return get(caller, id).map(s -> {
            if (s.adminPass() == null || s.deleted()) {
                throw FaultException.notFound("Password not found.");
            }
            return s.adminPass();
        });
    }

    public Uni<Void> forgetPassword(Principal caller, long id) {
        return get(caller, id).chain(s -> servers.setAdminPass(pool, s.id(), null));
    }

    static Server visible(Server s) {
        if (s == null) {
            throw FaultException.notFound("Server not found.");
        }
        return s;
    }

    /** 10 characters with upper case, lower case and digits, as Cyclades generates. */
    String password() {
        while (true) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                b.append(PASSWORD_CHARS.charAt(random.nextInt(PASSWORD_CHARS.length())));
            }
            if (CreateServerRequest.strong(b.toString())) {
                return b.toString();
            }
        }
    }
}
