package org.nefos.compute.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.compute.client.ImageClient;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.QuotaEffects;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerVolumes;
import org.nefos.compute.domain.Volume;
import org.nefos.compute.domain.VolumeStateMachine;
import org.nefos.compute.domain.VolumeType;
import org.nefos.compute.repository.FlavorRepository;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.compute.repository.SnapshotRepository;
import org.nefos.compute.repository.VolumeRepository;
import org.nefos.events.EventCatalog;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.quota.Provision;

/**
 * Block storage requests: volumes (create, read, update, delete, metadata, reassign) and their attachment to
 * servers. Backend work (attach, detach, delete of a disk that exists) goes out as a command and ends in
 * {@link VolumeTransitions}.
 */
@ApplicationScoped
public class VolumeService {

    /** Upstream's {@code CYCLADES_VOLUME_MAX_SIZE} (GB). */
    public static final int MAX_SIZE = 200;
    static final int MAX_METADATA = 10;
    static final int MAX_KEY = 64;
    static final int MAX_VALUE = 255;
    static final int MAX_NAME = 255;

    @Inject
    Pool pool;

    @Inject
    VolumeRepository volumes;

    @Inject
    ServerRepository servers;

    @Inject
    FlavorRepository flavors;

    @Inject
    SnapshotRepository snapshots;

    @Inject
    ImageClient images;

    /** The caller's token, forwarded to image-service. */
    @Inject
    AuthContext auth;

    @Inject
    Commissions commissions;

    @Inject
    VolumeEvents events;

    @Inject
    VolumeTransitions transitions;

    @Inject
    ComputeConfig config;

    /** What {@code POST /volumes} asks for, checked for shape by the resource. */
    public record CreateVolume(int size, String name, String description, Long volumeType, Long serverId,
            String imageRef, String snapshotId, String project, boolean sharedToProject) {
    }

    // types

    public Uni<List<VolumeType>> types() {
        return volumes.types(pool);
    }

    public Uni<VolumeType> type(long id) {
        return volumes.type(pool, id).map(t -> {
            if (t == null) {
                throw FaultException.notFound("Volume type " + id + " not found.");
            }
            return t;
        });
    }

    // volumes

    public Uni<Volume> create(Principal caller, CreateVolume r) {
        if (r.size() <= 0 || r.size() > MAX_SIZE) {
            throw FaultException.badRequest("Volume size must be a positive integer of at most " + MAX_SIZE + " GB.");
        }
        checkText(r.name(), "display_name");
        checkText(r.description(), "display_description");
        String project = r.project() != null ? r.project() : caller.defaultProject();
        if (project == null || !caller.projects().contains(project)) {
            throw FaultException.badRequest("User " + caller.id() + " not in project " + project);
        }
        Uni<Server> server = r.serverId() == null ? Uni.createFrom().nullItem()
                : servers.find(pool, r.serverId(), caller.id(), false).map(s -> {
                    if (s == null || s.deleted()) {
                        throw FaultException.badRequest("Server " + r.serverId() + " not found.");
                    }
                    return s;
                });
        return server.chain(s -> (s == null ? Uni.createFrom().<String>nullItem()
                : flavors.find(pool, s.flavorId()).map(f -> f.diskTemplate() + ":" + f.volumeType()))
                .chain(serverType -> resolveType(r, serverType).chain(type -> checkSource(caller, r, type)
                        .chain(() -> s == null ? createDetached(caller, r, project, type)
                                : createAttached(caller, r, project, type, s)))));
    }

    private Uni<VolumeType> resolveType(CreateVolume r, String serverType) {
        if (r.volumeType() == null && serverType == null) {
            throw FaultException.badRequest("Either a 'volume_type' or a 'server_id' is required.");
        }
        long id = r.volumeType() != null ? r.volumeType()
                : Long.parseLong(serverType.substring(serverType.indexOf(':') + 1));
        return volumes.type(pool, id).map(t -> {
            if (t == null || t.deleted()) {
                throw FaultException.badRequest("Volume type " + id + " not found.");
            }
            if (serverType == null && !t.detachable()) {
                throw FaultException.badRequest("Volume type '" + t.name() + "' is not detachable.");
            }
            if (serverType != null && !VolumeStateMachine.sameFamily(t.diskTemplate(),
                    serverType.substring(0, serverType.indexOf(':')))) {
                throw FaultException.badRequest("Volume type '" + t.name()
                        + "' does not match the disk template of the server.");
            }
            return t;
        });
    }

    private Uni<Void> checkSource(Principal caller, CreateVolume r, VolumeType type) {
        if (r.imageRef() == null && r.snapshotId() == null) {
            return Uni.createFrom().voidItem();
        }
        if (!type.diskTemplate().startsWith("ext_")) {
            throw FaultException.badRequest("Volumes of type '" + type.name() + "' cannot be created from an image"
                    + " or a snapshot.");
        }
        if (r.snapshotId() != null) {
            return snapshots.find(pool, r.snapshotId(), caller.id(), false).invoke(snap -> {
                if (snap == null) {
                    throw FaultException.badRequest("Snapshot " + r.snapshotId() + " not found.");
                }
                if (!"AVAILABLE".equals(snap.status())) {
                    throw FaultException.badRequest("Snapshot " + snap.id() + " is not available.");
                }
                if (snap.size() > r.size()) {
                    throw FaultException.badRequest("Volume size (" + r.size() + " GB) is smaller than the snapshot ("
                            + snap.size() + " GB).");
                }
            }).replaceWithVoid();
        }
        return images.get(auth.token(), r.imageRef()).invoke(image -> {
            if (image == null) {
                throw FaultException.badRequest("Image " + r.imageRef() + " not found.");
            }
            if (!"ACTIVE".equals(image.status())) {
                throw FaultException.badRequest("Image " + image.id() + " is not available.");
            }
            if (image.sizeBytes() > r.size() * org.nefos.compute.domain.Flavor.GIB) {
                throw FaultException.badRequest("Volume size (" + r.size() + " GB) is smaller than the image.");
            }
        }).replaceWithVoid();
    }

    /** Detachable, not attached: available at once, quota issued and accepted with the request. */
    private Uni<Volume> createDetached(Principal caller, CreateVolume r, String project, VolumeType type) {
        return commissions.issue("cyclades volume create", disk(caller.id(), project, r.size()), false)
                .chain(serial -> pool.withTransaction(tx -> volumes.insert(tx, new VolumeRepository.NewVolume(
                        r.name(), r.description(), r.size(), caller.id(), project, r.sharedToProject(), type.id(),
                        null, null, Volume.AVAILABLE, r.imageRef(), r.snapshotId(), false, true, null, null, serial,
                        true))
                        .call(v -> events.changed(tx, EventCatalog.VOLUME_CREATED, v, project, null, "create", null,
                                v.status(), v.sequence())))
                        .onFailure().call(e -> commissions.rejectQuietly(serial))
                        .call(v -> transitions.settle(v.id())));
    }

    /** With a server: creating, attached, an attach job; the charge is pending until the job ends. */
    private Uni<Volume> createAttached(Principal caller, CreateVolume r, String project, VolumeType type,
            Server candidate) {
        return commissions.issue("cyclades volume create", disk(caller.id(), project, r.size()), false)
                .chain(serial -> pool.withTransaction(tx -> lockServer(tx, caller, candidate.id(), true)
                        .chain(s -> volumes.ofServer(tx, s.id()).chain(attached -> {
                            if (attached.size() >= VolumeStateMachine.MAX_DISKS) {
                                throw FaultException.badRequest("Maximum volumes per server limit reached ("
                                        + VolumeStateMachine.MAX_DISKS + ").");
                            }
                            VolumeStateMachine.admitServer(s);
                            return servers.nextJobId(tx).chain(jobId -> volumes.insert(tx,
                                    new VolumeRepository.NewVolume(r.name(), r.description(), r.size(), caller.id(),
                                            project, r.sharedToProject(), type.id(), s.id(), nextIndex(attached),
                                            Volume.CREATING, r.imageRef(), r.snapshotId(), false, false,
                                            VolumeStateMachine.ATTACH, jobId, serial, null))
                                    .call(v -> events.changed(tx, EventCatalog.VOLUME_CREATED, v, project, s.id(),
                                            "create", null, v.status(), v.sequence()))
                                    .call(v -> events.command(tx, v, s.id(), VolumeStateMachine.ATTACH, jobId, null,
                                            v.sequence())));
                        })))
                        .onFailure().call(e -> commissions.rejectQuietly(serial)));
    }

    public Uni<Volume> get(Principal caller, long id) {
        return volumes.find(pool, id, caller.id(), false).map(VolumeService::visible);
    }

    public Uni<List<Volume>> list(Principal caller, Instant since) {
        if (since != null) {
            ChangesSince.checkWindow(since, config.pollLimit());
        }
        return volumes.list(pool, caller.id(), since).invoke(list -> {
            if (since != null && list.isEmpty()) {
                throw new FaultException(Fault.NOT_MODIFIED, "No changes since " + since);
            }
        });
    }

    public Uni<Volume> update(Principal caller, long id, String name, String description, Boolean deleteOnTermination) {
        if (name == null && description == null && deleteOnTermination == null) {
            throw FaultException.badRequest("Nothing to update.");
        }
        checkText(name, "display_name");
        checkText(description, "display_description");
        return pool.withTransaction(tx -> volumes.find(tx, id, caller.id(), true).map(VolumeService::visible)
                .chain(v -> {
                    VolumeStateMachine.admitModify(v);
                    if (Boolean.FALSE.equals(deleteOnTermination)) {
                        if (!v.diskTemplate().startsWith("ext_")) {
                            throw FaultException.badRequest("Volumes of type '" + v.diskTemplate()
                                    + "' are always deleted with their server.");
                        }
                        throw new FaultException(Fault.NOT_IMPLEMENTED,
                                "Keeping a volume after its server is deleted is not supported.");
                    }
                    Map<String, Object> set = new LinkedHashMap<>();
                    if (name != null) {
                        set.put("name", name);
                    }
                    if (description != null) {
                        set.put("description", description);
                    }
                    if (deleteOnTermination != null) {
                        set.put("delete_on_termination", deleteOnTermination);
                    }
                    return volumes.update(tx, id, set)
                            .chain(seq -> events.changed(tx, EventCatalog.VOLUME_UPDATED, v, v.project(), v.serverId(),
                                    "rename", v.status(), v.status(), seq))
                            .chain(() -> volumes.find(tx, id, caller.id(), false));
                }));
    }

    /**
     * Never created on the backend: deleted at once, quota released with the request. Otherwise {@code deleting}
     * at once (as burnin checks) and a delete job; the release is accepted when it ends.
     */
    public Uni<Void> delete(Principal caller, long id) {
        return get(caller, id).chain(candidate -> {
            VolumeStateMachine.admitDelete(candidate);
            Uni<Long> release = candidate.charged()
                    ? commissions.issue("cyclades volume delete",
                            disk(candidate.userId(), candidate.project(), -candidate.size()), true)
                    : Uni.createFrom().nullItem();
            return release.chain(serial -> pool.withTransaction(tx -> volumes.find(tx, id, caller.id(), true)
                    .map(VolumeService::visible).chain(v -> {
                        VolumeStateMachine.admitDelete(v);
                        if (v.job() != null) {
                            throw FaultException.conflict("Volume " + id + " has a pending '" + v.job() + "' job.");
                        }
                        if (v.charged() != candidate.charged() || !v.project().equals(candidate.project())) {
                            throw FaultException.conflict("Volume " + id + " changed meanwhile; try again.");
                        }
                        return VolumeStateMachine.deletesAtOnce(v) ? deleteNow(tx, v, serial)
                                : deleteByJob(tx, v, serial);
                    }))
                    .onFailure().call(e -> serial == null ? Uni.createFrom().voidItem()
                            : commissions.rejectQuietly(serial))
                    .call(() -> transitions.settle(id)));
        });
    }

    private Uni<Void> deleteNow(SqlConnection tx, Volume v, Long serial) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("status", Volume.DELETED);
        set.put("deleted", true);
        set.put("charged", false);
        set.put("commission_serial", serial);
        set.put("commission_outcome", serial == null ? null : Boolean.TRUE);
        return volumes.update(tx, v.id(), set).chain(seq -> events.changed(tx, EventCatalog.VOLUME_DELETED, v,
                v.project(), null, "delete", v.status(), Volume.DELETED, seq));
    }

    private Uni<Void> deleteByJob(SqlConnection tx, Volume v, Long serial) {
        return servers.nextJobId(tx).chain(jobId -> {
            Map<String, Object> set = startJob(Volume.DELETING, VolumeStateMachine.DELETE, jobId);
            set.put("commission_serial", serial);
            set.put("commission_outcome", null);
            return volumes.update(tx, v.id(), set)
                    .chain(seq -> events.changed(tx, EventCatalog.VOLUME_UPDATED, v, v.project(), v.serverId(),
                            "delete", v.status(), Volume.DELETING, seq)
                            .chain(() -> events.command(tx, v, v.serverId(), VolumeStateMachine.DELETE, jobId, null,
                                    seq)));
        });
    }

    /** Moves the volume (and its charge) to another project of the owner, synchronously. */
    public Uni<Void> reassign(Principal caller, long id, String project, boolean shared) {
        if (shared) {
            throw FaultException.forbidden("Sharing resources to a project is not allowed.");
        }
        if (!caller.projects().contains(project)) {
            throw FaultException.badRequest("User " + caller.id() + " not in project " + project);
        }
        return get(caller, id).chain(candidate -> {
            checkReassign(candidate);
            if (candidate.project().equals(project)) {
                return Uni.createFrom().voidItem();
            }
            Uni<Long> move = candidate.charged()
                    ? commissions.issue("cyclades volume reassign", move(candidate, project), false)
                    : Uni.createFrom().nullItem();
            return move.chain(serial -> pool.withTransaction(tx -> volumes.find(tx, id, caller.id(), true)
                    .map(VolumeService::visible).chain(v -> {
                        checkReassign(v);
                        if (v.charged() != candidate.charged() || !v.project().equals(candidate.project())) {
                            throw FaultException.conflict("Volume " + id + " changed meanwhile; try again.");
                        }
                        Map<String, Object> set = new LinkedHashMap<>();
                        set.put("project", project);
                        set.put("commission_serial", serial);
                        set.put("commission_outcome", serial == null ? null : Boolean.TRUE);
                        return volumes.update(tx, id, set).chain(seq -> events.changed(tx, EventCatalog.VOLUME_UPDATED,
                                v, project, v.serverId(), "reassign", v.status(), v.status(), seq));
                    }))
                    .onFailure().call(e -> serial == null ? Uni.createFrom().voidItem()
                            : commissions.rejectQuietly(serial))
                    .call(() -> transitions.settle(id)));
        });
    }

    private static void checkReassign(Volume v) {
        VolumeStateMachine.admitModify(v);
        if (v.root()) {
            throw FaultException.conflict("Cannot reassign: " + v.id() + " is a system volume");
        }
        if (v.job() != null) {
            throw FaultException.conflict("Cannot reassign: volume " + v.id() + " has a pending '" + v.job()
                    + "' job.");
        }
    }

    // metadata

    public Uni<Map<String, String>> metadata(Principal caller, long id) {
        return get(caller, id).map(Volume::metadata);
    }

    /** Merge ({@code replace=false}) or replace all; answers the metadata afterwards. */
    public Uni<Map<String, String>> putMetadata(Principal caller, long id, Map<String, String> items,
            boolean replace) {
        checkMetadataItems(items);
        return pool.withTransaction(tx -> volumes.find(tx, id, caller.id(), true).map(VolumeService::visible)
                .chain(v -> {
                    VolumeStateMachine.admitModify(v);
                    Map<String, String> after = new java.util.TreeMap<>(replace ? Map.of() : v.metadata());
                    after.putAll(items);
                    if (after.size() > MAX_METADATA) {
                        throw FaultException.badRequest("Volumes cannot have more than " + MAX_METADATA
                                + " metadata items");
                    }
                    return (replace ? volumes.clearMetadata(tx, id) : Uni.createFrom().voidItem())
                            .chain(() -> volumes.putMetadata(tx, id, items))
                            .chain(() -> volumes.update(tx, id, Map.of()))
                            .replaceWith(after);
                }));
    }

    public Uni<Void> deleteMetadata(Principal caller, long id, String key) {
        return pool.withTransaction(tx -> volumes.find(tx, id, caller.id(), true).map(VolumeService::visible)
                .chain(v -> {
                    VolumeStateMachine.admitModify(v);
                    return volumes.deleteMetadata(tx, id, key).chain(found -> {
                        if (!found) {
                            throw FaultException.badRequest("Metadata key " + key + " not found.");
                        }
                        return volumes.update(tx, id, Map.of()).replaceWithVoid();
                    });
                }));
    }

    // attachments (compute API)

    public Uni<List<Volume>> attachments(Principal caller, long serverId) {
        return servers.find(pool, serverId, caller.id(), false).map(ServerService::visible)
                .chain(s -> volumes.ofServer(pool, s.id()));
    }

    public Uni<Volume> attachment(Principal caller, long serverId, long volumeId) {
        return attachments(caller, serverId).map(list -> list.stream().filter(v -> v.id() == volumeId).findFirst()
                .orElseThrow(() -> FaultException.badRequest("Volume " + volumeId + " is not attached to server "
                        + serverId + ".")));
    }

    /** {@code attaching} at once, an attach job; 202. */
    public Uni<Volume> attach(Principal caller, long serverId, long volumeId) {
        return pool.withTransaction(tx -> lockServer(tx, caller, serverId, false)
                .chain(s -> flavors.find(tx, s.flavorId()).chain(flavor -> volumes.find(tx, volumeId, caller.id(), true)
                        .chain(v -> {
                            if (v == null) {
                                throw FaultException.badRequest("Volume " + volumeId + " not found.");
                            }
                            return volumes.ofServer(tx, s.id()).chain(attached -> {
                                VolumeStateMachine.admitAttach(v, s, flavor.diskTemplate(), attached.size());
                                return servers.nextJobId(tx).chain(jobId -> {
                                    Map<String, Object> set = startJob(Volume.ATTACHING,
                                            VolumeStateMachine.ATTACH, jobId);
                                    set.put("server_id", s.id());
                                    set.put("device_index", nextIndex(attached));
                                    return volumes.update(tx, v.id(), set)
                                            .call(seq -> events.changed(tx, EventCatalog.VOLUME_UPDATED, v,
                                                    v.project(), s.id(), "attach", v.status(), Volume.ATTACHING, seq))
                                            .call(seq -> events.command(tx, v, s.id(), VolumeStateMachine.ATTACH,
                                                    jobId, null, seq))
                                            .chain(seq -> volumes.lock(tx, v.id()));
                                });
                            });
                        }))));
    }

    /** {@code detaching} at once (burnin does not wait), a detach job; 202. */
    public Uni<Void> detach(Principal caller, long serverId, long volumeId) {
        return pool.withTransaction(tx -> lockServer(tx, caller, serverId, false)
                .chain(s -> volumes.find(tx, volumeId, caller.id(), true).chain(v -> {
                    if (v == null) {
                        throw FaultException.badRequest("Volume " + volumeId + " is not attached to server " + serverId
                                + ".");
                    }
                    VolumeStateMachine.admitDetach(v, s.id());
                    if (s.deleted() || s.task() == org.nefos.compute.domain.Task.DESTROY) {
                        throw FaultException.badRequest("Server has been deleted.");
                    }
                    return servers.nextJobId(tx).chain(jobId -> {
                        Map<String, Object> set = startJob(Volume.DETACHING, VolumeStateMachine.DETACH, jobId);
                        return volumes.update(tx, v.id(), set)
                                .call(seq -> events.changed(tx, EventCatalog.VOLUME_UPDATED, v, v.project(), s.id(),
                                        "detach", v.status(), Volume.DETACHING, seq))
                                .chain(seq -> events.command(tx, v, s.id(), VolumeStateMachine.DETACH, jobId, null,
                                        seq));
                    });
                })));
    }

    /** The volumes of each server and the disk job it waits for, for the server view. */
    public Uni<Map<Long, ServerVolumes>> ofServers(List<Long> serverIds) {
        return volumes.ofServers(pool, serverIds);
    }

    /** What a server's delete gives back for its volumes: the charged ones besides the root, each where held. */
    public Uni<List<Provision>> releasedWithServer(long serverId) {
        return volumes.ofServer(pool, serverId).map(list -> list.stream().filter(Volume::charged)
                .flatMap(v -> disk(v.userId(), v.project(), -v.size()).stream()).toList());
    }

    private Uni<Server> lockServer(SqlConnection tx, Principal caller, long serverId, boolean asBadRequest) {
        return servers.find(tx, serverId, caller.id(), true).map(s -> {
            if (s == null || (asBadRequest && s.deleted())) {
                if (asBadRequest) {
                    throw FaultException.badRequest("Server " + serverId + " not found.");
                }
                throw FaultException.notFound("Server not found.");
            }
            return s;
        });
    }

    /** The columns of a volume whose backend job {@code job} starts now. */
    private static Map<String, Object> startJob(String status, String job, long jobId) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("status", status);
        set.put("job", job);
        set.put("job_id", jobId);
        set.put("job_started", OffsetDateTime.now(ZoneOffset.UTC));
        return set;
    }

    private static int nextIndex(List<Volume> attached) {
        return attached.stream().map(Volume::deviceIndex).filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).max().orElse(-1) + 1;
    }

    private static List<Provision> disk(String user, String project, int sizeGb) {
        return Provision.charge(user, project, QuotaEffects.DISK, sizeGb * org.nefos.compute.domain.Flavor.GIB);
    }

    private static List<Provision> move(Volume v, String to) {
        List<Provision> p = new java.util.ArrayList<>(disk(v.userId(), v.project(), -v.size()));
        p.addAll(disk(v.userId(), to, v.size()));
        return p;
    }

    /** Block storage metadata limits (cyclades-api.md 1.9): keys 1–64, values up to 255 characters; 400. */
    static void checkMetadataItems(Map<String, String> items) {
        items.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > MAX_KEY) {
                throw FaultException.badRequest("Metadata key must be 1 to " + MAX_KEY + " characters long");
            }
            if (v.length() > MAX_VALUE) {
                throw FaultException.badRequest("Metadata value must be at most " + MAX_VALUE + " characters long");
            }
        });
    }

    /** Names and descriptions: at most 255 characters (400). */
    static void checkText(String value, String field) {
        if (value != null && value.length() > MAX_NAME) {
            throw FaultException.badRequest("'" + field + "' must be at most " + MAX_NAME + " characters long");
        }
    }

    static Volume visible(Volume v) {
        if (v == null) {
            throw FaultException.notFound("Volume not found.");
        }
        return v;
    }
}
