package org.nefos.storage.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.events.EventCatalog;
import org.nefos.events.storage.ObjectChanged;
import org.nefos.events.storage.ObjectDeleted;
import org.nefos.events.storage.ObjectPublished;
import org.nefos.events.storage.ObjectShared;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.outbox.Outbox;
import org.nefos.storage.blockstore.BlockStore;
import org.nefos.storage.config.StorageConfig;
import org.nefos.storage.domain.Container;
import org.nefos.storage.domain.ObjectVersion;
import org.nefos.storage.domain.ObjectVersion.Cluster;
import org.nefos.storage.domain.Preconditions;
import org.nefos.storage.domain.Sharing;
import org.nefos.storage.repository.ContainerRepository;
import org.nefos.storage.repository.ObjectRepository;
import org.nefos.storage.repository.SharingRepository;

/**
 * The one place where object versions become current or are deleted: one transaction per change, with
 * the container row locked (writes to one container are serialised), the container quota checked, the
 * {@code pithos.diskspace} commission issued on identity, and the outbox event written. The commission is
 * accepted after the commit and rejected when anything fails, so a failed write stores and charges nothing.
 */
@ApplicationScoped
public class ObjectService {

    @Inject
    Pool pool;

    @Inject
    ContainerRepository containers;

    @Inject
    ObjectRepository objects;

    @Inject
    SharingRepository sharing;

    @Inject
    QuotaService quota;

    @Inject
    Outbox outbox;

    @Inject
    StorageConfig config;

    @Inject
    BlockStore store;

    @Inject
    Vertx vertx;

    private static final class Charge {
        Long serial;
    }

    /** Commits {@code w} as the new current version of {@code name}. */
    public Uni<ObjectVersion> write(Container c, String name, WriteRequest w) {
        return write(c, name, w, null);
    }

    /**
     * As {@link #write(Container, String, WriteRequest)}, for a read-modify-write computed from version
     * {@code base}: 409 when another change became current in between.
     */
    public Uni<ObjectVersion> write(Container c, String name, WriteRequest w, Long base) {
        Charge charge = new Charge();
        return refresh(w.hashes()).chain(() -> pool.withTransaction(tx -> containers.lock(tx, c.id()).chain(locked -> {
            if (locked == null) {
                throw FaultException.notFound("Container does not exist");
            }
            return objects.current(tx, c.id(), name, true).chain(prev -> {
                if (w.requireExisting() && prev == null) {
                    throw FaultException.notFound("Object does not exist");
                }
                if (base != null && prev.id() != base) {
                    throw FaultException.conflict("The object changed during the update; retry");
                }
                Preconditions.checkWrite(w.ifMatch(), w.ifNoneMatch(), prev == null ? null : prev.etag());
                long delta = w.size() - (prev == null ? 0 : prev.size());
                return checkContainerQuota(tx, locked, delta)
                        .chain(() -> quota.issue(locked.account(), locked.project(), delta, name))
                        .invoke(serial -> charge.serial = serial)
                        .chain(() -> objects.nextId(tx))
                        .chain(id -> {
                            ObjectVersion next = new ObjectVersion(id, c.id(), name,
                                    w.uuid() != null ? w.uuid() : prev != null ? prev.uuid() : UUID.randomUUID(),
                                    w.size(), w.hashes(), w.topHash(), w.md5() == null ? "" : w.md5(),
                                    w.contentType() != null ? w.contentType()
                                            : prev != null ? prev.contentType() : "application/octet-stream",
                                    w.meta() != null ? w.meta() : prev != null ? prev.meta() : Map.of(),
                                    w.otherMeta() != null ? w.otherMeta() : prev != null ? prev.otherMeta() : "{}",
                                    w.user(), now(), Cluster.CURRENT);
                            return retire(tx, locked, prev).chain(() -> objects.insert(tx, next))
                                    .chain(() -> applySharing(tx, locked, next, w))
                                    .chain(() -> containers.touch(tx, c.id()))
                                    .chain(() -> outbox.append(tx,
                                            prev == null ? EventCatalog.OBJECT_CREATED : EventCatalog.OBJECT_UPDATED,
                                            next.uuid().toString(), changed(locked, next)))
                                    .replaceWith(next);
                        });
            });
        }))).call(v -> quota.accept(charge.serial))
                .onFailure().call(e -> quota.reject(charge.serial));
    }

    /**
     * Marks every block of a version about to be written as just used, so the block collector keeps them
     * (see {@link BlockCollector}); 409 when one is gone (collected during a very slow upload).
     */
    private Uni<Void> refresh(List<String> hashes) {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> {
            List<String> gone = new ArrayList<>();
            for (String h : new LinkedHashSet<>(hashes)) {
                if (!store.refresh(h)) {
                    gone.add(h);
                }
            }
            return gone;
        }, false).toCompletionStage()).invoke(gone -> {
            if (!gone.isEmpty()) {
                throw FaultException.conflict("Blocks of the object are no longer stored; upload them again: "
                        + String.join(",", gone.subList(0, Math.min(10, gone.size()))));
            }
        }).replaceWithVoid();
    }

    /** Deletes the current version of {@code name} (a tombstone becomes current); 404 when there is none. */
    public Uni<ObjectVersion> delete(Container c, String name, String user) {
        Charge charge = new Charge();
        return pool.withTransaction(tx -> containers.lock(tx, c.id()).chain(locked -> {
            if (locked == null) {
                throw FaultException.notFound("Container does not exist");
            }
            return objects.current(tx, c.id(), name, true).chain(prev -> {
                if (prev == null) {
                    throw FaultException.notFound("Object does not exist");
                }
                return quota.issue(locked.account(), locked.project(), -prev.size(), name)
                        .invoke(serial -> charge.serial = serial)
                        .chain(() -> objects.nextId(tx))
                        .chain(id -> {
                            ObjectVersion tomb = new ObjectVersion(id, c.id(), name, prev.uuid(), 0, List.of(), "",
                                    "", prev.contentType(), Map.of(), "{}", user, now(), Cluster.DELETED);
                            return retire(tx, locked, prev).chain(() -> objects.insert(tx, tomb))
                                    .chain(() -> sharing.clear(tx, c.id(), name))
                                    .chain(() -> sharing.unpublish(tx, c.id(), name))
                                    .chain(() -> containers.touch(tx, c.id()))
                                    .chain(() -> outbox.append(tx, EventCatalog.OBJECT_DELETED,
                                            prev.uuid().toString(), new ObjectDeleted(prev.uuid().toString(),
                                                    locked.account(), locked.project(), locked.name(), name,
                                                    prev.size(), id, id, user, tomb.mtime())))
                                    .replaceWith(prev);
                        });
            });
        })).call(v -> quota.accept(charge.serial))
                .onFailure().call(e -> quota.reject(charge.serial));
    }

    /** Sharing and public changes alone (no new version). */
    public Uni<Void> updateSharing(Container c, String name, WriteRequest w) {
        return pool.withTransaction(tx -> objects.current(tx, c.id(), name, false).chain(v -> v == null
                ? Uni.createFrom().voidItem() : applySharing(tx, c, v, w)));
    }

    /** Purges the versions of {@code name} with mtime ≤ {@code until} (releases a purged current version). */
    public Uni<Void> purge(Container c, String name, Instant until) {
        Charge charge = new Charge();
        return pool.withTransaction(tx -> containers.lock(tx, c.id())
                .chain(locked -> objects.anyVersion(tx, c.id(), name).chain(any -> {
                    if (!any) {
                        throw FaultException.notFound("Object does not exist");
                    }
                    return objects.purgeName(tx, c.id(), name, until).chain(freed -> quota
                            .issue(locked.account(), locked.project(), -freed, name)
                            .invoke(s -> charge.serial = s))
                            .chain(() -> objects.anyVersion(tx, c.id(), name))
                            .chain(left -> left ? Uni.createFrom().voidItem()
                                    : sharing.clear(tx, c.id(), name).chain(() -> sharing.unpublish(tx, c.id(), name)));
                })))
                .call(() -> quota.accept(charge.serial))
                .onFailure().call(e -> quota.reject(charge.serial));
    }

    private Uni<Void> retire(SqlConnection tx, Container c, ObjectVersion prev) {
        if (prev == null) {
            return Uni.createFrom().voidItem();
        }
        return c.keepsHistory() ? objects.setCluster(tx, prev.id(), Cluster.HISTORY) : objects.delete(tx, prev.id());
    }

    /** Applies sharing/public changes of {@code w} to the path of {@code v}; an actual change is an event. */
    private Uni<Void> applySharing(SqlConnection tx, Container c, ObjectVersion v, WriteRequest w) {
        Uni<Void> u = Uni.createFrom().voidItem();
        String name = v.name();
        if (w.sharing() != null) {
            u = u.chain(() -> sharing.permissions(tx, c.id(), List.of(name)).chain(old -> {
                Sharing before = old.getOrDefault(name, Sharing.NONE);
                Uni<Void> set = sharing.set(tx, c.id(), name, w.sharing());
                if (before.equals(w.sharing())) {
                    return set;
                }
                return set.chain(() -> objects.nextId(tx)).chain(seq -> outbox.append(tx, EventCatalog.OBJECT_SHARED,
                        v.uuid().toString(), new ObjectShared(v.uuid().toString(), c.account(), c.project(), c.name(),
                                name, w.sharing().readers(), w.sharing().writers(), v.id(), seq, w.user(), now()))
                        .replaceWithVoid());
            }));
        }
        if (w.publish() != null) {
            boolean publish = w.publish();
            u = u.chain(() -> sharing.publicToken(tx, c.id(), name).chain(before -> {
                Uni<Void> change = publish ? sharing.publish(tx, c.id(), name) : sharing.unpublish(tx, c.id(), name);
                if ((before != null) == publish) {
                    return change;
                }
                return change.chain(() -> publish ? sharing.publicToken(tx, c.id(), name)
                        : Uni.createFrom().<String>nullItem())
                        .chain(token -> objects.nextId(tx).chain(seq -> outbox.append(tx,
                                EventCatalog.OBJECT_PUBLISHED, v.uuid().toString(), new ObjectPublished(
                                        v.uuid().toString(), c.account(), c.project(), c.name(), name, publish,
                                        token == null ? null : publicUrl(token), v.id(), seq, w.user(), now()))
                                .replaceWithVoid()));
            }));
        }
        return u;
    }

    private String publicUrl(String token) {
        String base = config.publicUrl().endsWith("/") ? config.publicUrl() : config.publicUrl() + "/";
        return base + "public/" + token;
    }

    private Uni<Void> checkContainerQuota(SqlConnection tx, Container c, long delta) {
        if (c.quota() <= 0 || delta <= 0) {
            return Uni.createFrom().voidItem();
        }
        return containers.stats(tx, c.id(), null).invoke(s -> {
            if (s.bytes() + delta > c.quota()) {
                throw new FaultException(Fault.REQUEST_ENTITY_TOO_LARGE, "Container quota exceeded");
            }
        }).replaceWithVoid();
    }

    private static ObjectChanged changed(Container c, ObjectVersion v) {
        return new ObjectChanged(v.uuid().toString(), c.account(), c.project(), c.name(), v.name(), v.size(),
                v.topHash(), v.contentType(), v.id(), v.id(), v.modifiedBy(), v.mtime());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
