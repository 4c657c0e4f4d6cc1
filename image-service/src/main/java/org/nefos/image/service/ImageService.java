package org.nefos.image.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.events.EventCatalog;
import org.nefos.image.client.StorageClient;
import org.nefos.image.client.StorageClient.ObjectInfo;
import org.nefos.image.domain.Image;
import org.nefos.image.domain.ImageMeta;
import org.nefos.image.domain.ObjectPath;
import org.nefos.image.repository.ImageRepository;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.outbox.ProcessedEvents;

/**
 * Plankton (pithos-plankton-api.md 6): register Pithos objects as images, read, update, unregister, members.
 * Writes on one image run under a per-image lock; the Pithos sharing change (the object's read list carries
 * the public flag and the members) is made with the caller's token inside that transaction, so the stored
 * image and the object's permissions change together or not at all.
 */
@ApplicationScoped
public class ImageService {

    /** Fields that may not be given on register (ids and timestamps are not the caller's to choose). */
    private static final Set<String> NOT_ON_REGISTER = Set.of("id", "status", "created_at", "updated_at",
            "deleted_at", "is_snapshot", "description");
    /** Fields an update may change; other known fields are a 400. */
    private static final Set<String> ON_UPDATE = Set.of("name", "disk_format", "container_format", "is_public",
            "owner", "status");
    /** plankton items every image stores besides its properties: name, disk_format, container_format, created_at. */
    private static final int FIXED_ITEMS = 4;

    @Inject
    Pool pool;

    @Inject
    ImageRepository images;

    @Inject
    StorageClient storage;

    @Inject
    ImageEvents events;

    @Inject
    ProcessedEvents processed;

    /** I3: registers the object at {@code location} (or re-registers it, merging the metadata). */
    public Uni<Image> register(String user, String token, ImageMeta meta) {
        return register(user, token, meta, null);
    }

    /**
     * I3 with a description, which Plankton's register request cannot carry but in-process registrations
     * (the Cloudkeeper backend's appliances) do; null keeps the stored one.
     */
    public Uni<Image> register(String user, String token, ImageMeta meta, String description) {
        String name = meta.field("name");
        if (name == null || name.isEmpty()) {
            throw FaultException.badRequest("Invalid image name: a name is required");
        }
        if (!meta.has("location")) {
            throw FaultException.badRequest("Invalid location: a location is required");
        }
        ObjectPath path = ObjectPath.parse(meta.field("location"), user);
        for (String f : NOT_ON_REGISTER) {
            if (meta.has(f)) {
                throw FaultException.badRequest("Invalid parameters: '" + f + "' cannot be set");
            }
        }
        if (meta.has("store") && !"pithos".equals(meta.field("store"))) {
            throw FaultException.badRequest("Invalid store '" + meta.field("store") + "': only pithos is supported");
        }
        if (meta.has("size")) {
            // upstream compares the header text with the integer size, so every X-Image-Meta-Size is refused
            throw FaultException.badRequest("Invalid size: the size comes from the object");
        }
        meta.checkFormats();
        meta.checkLimits(Map.of(), FIXED_ITEMS + (meta.has("owner") ? 1 : 0));
        boolean isPublic = Boolean.TRUE.equals(meta.isPublic());
        return storage.head(token, path).chain(info -> {
            if (meta.has("checksum") && !meta.field("checksum").equalsIgnoreCase(info.hash())) {
                throw FaultException.badRequest("Invalid checksum: it does not match the object's hash");
            }
            if (!path.account().equals(user)) {
                throw FaultException.forbidden("Only the owner of an object may register it as an image");
            }
            return pool.withTransaction(tx -> images.lock(tx, info.uuid()).chain(() -> images.find(tx, info.uuid()))
                    .chain(old -> {
                        Map<String, String> props = new LinkedHashMap<>(old == null ? Map.of() : old.properties());
                        meta.checkLimits(props, FIXED_ITEMS + (meta.has("owner") || old != null && old.ownerMeta() != null ? 1 : 0));
                        props.putAll(meta.properties());
                        Image image = new Image(info.uuid(), path.account(), path.container(), path.object(), name,
                                meta.fields().getOrDefault("disk_format", "diskdump"),
                                meta.fields().getOrDefault("container_format", "bare"),
                                old == null ? null : old.storedStatus(),
                                meta.has("owner") ? meta.field("owner") : old == null ? null : old.ownerMeta(),
                                description != null ? description : old == null ? null : old.description(), isPublic,
                                List.of(user), props, info.size(),
                                info.hash(), info.version(), Instant.now().truncatedTo(ChronoUnit.SECONDS), null,
                                old == null ? 1 : old.sequence() + 1);
                        return storage.setReaders(token, path, image.readers())
                                .chain(() -> images.save(tx, image))
                                .chain(() -> events.publish(tx, EventCatalog.IMAGE_REGISTERED, image, "register", user))
                                .replaceWith(image);
                    }));
        });
    }

    /** I4 and the reads behind members: 404 when unknown, 403 when the caller may not read it. */
    public Uni<Image> get(String user, String id) {
        UUID uuid = parseId(id);
        return images.find(pool, uuid).map(i -> readable(user, i, id));
    }

    /** I1/I2. */
    public Uni<List<Image>> list(String user, String sortKey, boolean ascending) {
        return images.visible(pool, user, sortKey, ascending);
    }

    /** I12. */
    public Uni<List<Image>> sharedBy(String user, String owner) {
        return images.sharedBy(pool, user, owner);
    }

    /** I6: {@code purgeProperties} (Glance's {@code x-glance-registry-purge-props}) replaces the properties. */
    public Uni<Image> update(String user, String token, String id, ImageMeta meta, boolean purgeProperties) {
        return update(user, token, id, meta, purgeProperties, null);
    }

    /** I6 with a description for in-process callers (see {@link #register(String, String, ImageMeta, String)}). */
    public Uni<Image> update(String user, String token, String id, ImageMeta meta, boolean purgeProperties,
            String description) {
        for (String f : meta.fields().keySet()) {
            if (!ON_UPDATE.contains(f)) {
                throw FaultException.badRequest("Invalid metadata: '" + f + "' cannot be changed");
            }
        }
        if (meta.has("name") && meta.field("name").isEmpty()) {
            throw FaultException.badRequest("Invalid image name: a name is required");
        }
        meta.checkFormats();
        return change(user, id, old -> {
            Map<String, String> props = new LinkedHashMap<>(purgeProperties ? Map.of() : old.properties());
            meta.checkLimits(props, FIXED_ITEMS + (meta.has("owner") || old.ownerMeta() != null ? 1 : 0));
            props.putAll(meta.properties());
            boolean isPublic = meta.isPublic() == null ? old.isPublic() : meta.isPublic();
            Image next = new Image(old.id(), old.account(), old.container(), old.objectName(),
                    meta.fields().getOrDefault("name", old.name()),
                    meta.fields().getOrDefault("disk_format", old.diskFormat()),
                    meta.fields().getOrDefault("container_format", old.containerFormat()),
                    meta.fields().getOrDefault("status", old.storedStatus()),
                    meta.fields().getOrDefault("owner", old.ownerMeta()),
                    description != null ? description : old.description(), isPublic, old.members(),
                    props, old.size(), old.checksum(), old.objectVersion(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), null, old.sequence() + 1);
            return next;
        }, token, "update");
    }

    /** I7: the image goes, the object and its permissions stay. */
    public Uni<Void> unregister(String user, String id) {
        UUID uuid = parseId(id);
        return pool.withTransaction(tx -> images.lock(tx, uuid).chain(() -> images.find(tx, uuid)).chain(old -> {
            Image image = owned(user, readable(user, old, id));
            Image gone = new Image(image.id(), image.account(), image.container(), image.objectName(), image.name(),
                    image.diskFormat(), image.containerFormat(), "DELETED", image.ownerMeta(), image.description(),
                    image.isPublic(), image.members(), image.properties(), image.size(), image.checksum(),
                    image.objectVersion(), image.updatedAt(), image.deletedAt(), image.sequence() + 1);
            return images.delete(tx, uuid)
                    .chain(() -> events.publish(tx, EventCatalog.IMAGE_UNREGISTERED, gone, "unregister", user));
        }));
    }

    /** I9: the read list becomes {@code members} (plus {@code *} when public). */
    public Uni<Image> setMembers(String user, String token, String id, List<String> members) {
        return change(user, id, old -> withMembers(old, new ArrayList<>(new LinkedHashSet<>(members))), token, "members");
    }

    /** I10. */
    public Uni<Image> addMember(String user, String token, String id, String member) {
        return change(user, id, old -> {
            if (old.members().contains(member)) {
                return old;
            }
            List<String> next = new ArrayList<>(old.members());
            next.add(member);
            return withMembers(old, next);
        }, token, "members");
    }

    /** I11: no error when {@code member} was not one. */
    public Uni<Image> removeMember(String user, String token, String id, String member) {
        return change(user, id, old -> {
            if (!old.members().contains(member)) {
                return old;
            }
            List<String> next = new ArrayList<>(old.members());
            next.remove(member);
            return withMembers(old, next);
        }, token, "members");
    }

    /**
     * A new current version of a Pithos object (content, metadata, or a move target): an image on it keeps
     * its registration and follows the object's size, hash, location and mtime. Applied once per event
     * ({@code eventId}) and only when {@code version} is newer than what the image holds.
     */
    public Uni<Boolean> objectChanged(String group, String eventId, UUID objectId, ObjectPath path, long size,
            String hash, long version, Instant modified, String by) {
        return pool.withTransaction(tx -> processed.firstDelivery(tx, group, eventId).chain(first -> !first
                ? Uni.createFrom().item(false)
                : images.lock(tx, objectId).chain(() -> images.find(tx, objectId)).chain(old -> {
                    if (old == null || old.objectVersion() >= version) {
                        return Uni.createFrom().item(false);
                    }
                    Image next = new Image(old.id(), path.account(), path.container(), path.object(), old.name(),
                            old.diskFormat(), old.containerFormat(), old.storedStatus(), old.ownerMeta(),
                            old.description(), old.isPublic(), old.members(), old.properties(), size, hash, version,
                            modified.truncatedTo(ChronoUnit.SECONDS), null, old.sequence() + 1);
                    return save(tx, next, "object", by).replaceWith(true);
                })));
    }

    /**
     * The object was deleted (or moved away from the image's location): the image is marked deleted and
     * disappears (404, not listed). A delete of another path of the same object (the source of a move that
     * was already applied) changes nothing.
     */
    public Uni<Boolean> objectDeleted(String group, String eventId, UUID objectId, ObjectPath path, long version,
            Instant deleted, String by) {
        return pool.withTransaction(tx -> processed.firstDelivery(tx, group, eventId).chain(first -> !first
                ? Uni.createFrom().item(false)
                : images.lock(tx, objectId).chain(() -> images.find(tx, objectId)).chain(old -> {
                    if (old == null || old.objectVersion() >= version || old.deletedAt() != null
                            || !new ObjectPath(old.account(), old.container(), old.objectName()).equals(path)) {
                        return Uni.createFrom().item(false);
                    }
                    Image gone = new Image(old.id(), old.account(), old.container(), old.objectName(), old.name(),
                            old.diskFormat(), old.containerFormat(), old.storedStatus(), old.ownerMeta(),
                            old.description(), old.isPublic(), old.members(), old.properties(), old.size(),
                            old.checksum(), version, old.updatedAt(), deleted, old.sequence() + 1);
                    return images.save(tx, gone)
                            .chain(() -> events.publish(tx, EventCatalog.IMAGE_DELETED, gone, "object_deleted", by))
                            .replaceWith(true);
                })));
    }

    private static Image withMembers(Image old, List<String> members) {
        return new Image(old.id(), old.account(), old.container(), old.objectName(), old.name(), old.diskFormat(),
                old.containerFormat(), old.storedStatus(), old.ownerMeta(), old.description(), old.isPublic(),
                List.copyOf(members), old.properties(), old.size(), old.checksum(), old.objectVersion(),
                old.updatedAt(), null, old.sequence() + 1);
    }

    /**
     * An owner-only change under the image's lock: {@code next} computes the new state (the same instance
     * when nothing changes); a changed read list goes to Pithos first, then the row and the event.
     */
    private Uni<Image> change(String user, String id, Function<Image, Image> next, String token, String change) {
        UUID uuid = parseId(id);
        return pool.withTransaction(tx -> images.lock(tx, uuid).chain(() -> images.find(tx, uuid)).chain(old -> {
            Image current = owned(user, readable(user, old, id));
            Image updated = next.apply(current);
            if (updated == current) {
                return Uni.createFrom().item(current);
            }
            Uni<Void> sharing = updated.readers().equals(current.readers()) ? Uni.createFrom().voidItem()
                    : storage.setReaders(token, new ObjectPath(current.account(), current.container(),
                            current.objectName()), updated.readers());
            return sharing.chain(() -> save(tx, updated, change, user));
        }));
    }

    private Uni<Image> save(SqlConnection tx, Image image, String change, String user) {
        return images.save(tx, image).chain(() -> events.publish(tx, EventCatalog.IMAGE_UPDATED, image, change, user))
                .replaceWith(image);
    }

    private static Image readable(String user, Image image, String id) {
        if (image == null || image.deletedAt() != null) {
            throw FaultException.notFound("Image " + id + " not found");
        }
        if (!image.visibleTo(user)) {
            throw FaultException.forbidden("Access to image " + id + " denied");
        }
        return image;
    }

    private static Image owned(String user, Image image) {
        if (!image.ownedBy(user)) {
            throw FaultException.forbidden("Only the owner of image " + image.id() + " may change it");
        }
        return image;
    }

    static UUID parseId(String id) {
        try {
            if (id.length() == 36) {
                return UUID.fromString(id);
            }
        } catch (IllegalArgumentException notAUuid) {
            // below
        }
        throw FaultException.notFound("Image " + id + " not found");
    }
}
