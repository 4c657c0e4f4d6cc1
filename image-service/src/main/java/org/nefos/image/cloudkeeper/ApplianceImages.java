package org.nefos.image.cloudkeeper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.image.client.StorageClient;
import org.nefos.image.cloudkeeper.CloudkeeperErrors.Kind;
import org.nefos.image.cloudkeeper.ServiceUser.Identity;
import org.nefos.image.cloudkeeper.grpc.Appliance;
import org.nefos.image.config.ImageConfig;
import org.nefos.image.domain.Image;
import org.nefos.image.domain.ImageMeta;
import org.nefos.image.domain.ObjectPath;
import org.nefos.image.repository.ImageRepository;
import org.nefos.image.service.ImageService;

/**
 * What each Communicator call does to the service user's Plankton images (grpc-occi-cloudkeeper.md A.6,
 * D.1). The images are the only state: an appliance is held while a non-retired image carries its id and
 * list id. Bytes go to a container of the service user charged to the project the VO maps to. Replacing
 * uploads and registers the new image before the old one is retired; retiring marks an image {@code EOL}
 * (so it is no longer held) and then deletes it, and what could not be deleted is swept by PostAction.
 * Expired appliances stay until RemoveExpiredAppliances.
 */
@ApplicationScoped
public class ApplianceImages {

    /** Containers are named after the project they are charged to. */
    static final String CONTAINER_PREFIX = "cloudkeeper-";

    @Inject
    Pool pool;

    @Inject
    ImageRepository repository;

    @Inject
    ImageService images;

    @Inject
    StorageClient storage;

    @Inject
    ImageTransfer transfer;

    @Inject
    VoMapping mapping;

    @Inject
    ServiceUser serviceUser;

    @Inject
    ProjectNames projectNames;

    @Inject
    ImageConfig config;

    /** Containers known to exist with their project, so an add costs no container request after the first. */
    private final Set<String> readyContainers = ConcurrentHashMap.newKeySet();

    /** Objects whose deletion failed after a failed registration; PostAction tries again. */
    private final Set<ObjectPath> orphanObjects = ConcurrentHashMap.newKeySet();

    /**
     * AddAppliance: a new image. When the appliance is already held (a run that failed half-way, or an image
     * of an earlier deployment) with the same image digest, that image is adopted: its metadata is rewritten
     * instead of uploading the same bytes again. Held with other bytes, it is replaced.
     */
    public Uni<Void> add(Appliance a) {
        Requests.requireAppliance(a, true);
        return serviceUser.identity().chain(user -> held(user, a.getIdentifier(), a.getImageListIdentifier()))
                .chain(held -> {
                    String digest = a.getImage().getDigest();
                    boolean sameBytes = !digest.isEmpty() && held.stream().anyMatch(i -> digest.equals(
                            i.properties().get(ApplianceProperties.IMAGE_DIGEST)));
                    return sameBytes ? updateMetadata(a, true) : replace(a);
                });
    }

    /** UpdateAppliance: new bytes and metadata; the old image goes once the new one is registered. */
    public Uni<Void> update(Appliance a) {
        return replace(a);
    }

    private Uni<Void> replace(Appliance a) {
        Requests.requireAppliance(a, true);
        String mapped = mappedProject(a.getVo());
        return serviceUser.identity().chain(user -> projectNames.projectId(a.getVo(), mapped, user).chain(project ->
                held(user, a.getIdentifier(), a.getImageListIdentifier()).chain(old -> container(user, project).chain(container -> {
                    ObjectPath target = new ObjectPath(user.uuid(), container, "appliances/"
                            + a.getIdentifier() + "/" + UUID.randomUUID() + "."
                            + a.getImage().getFormat().name().toLowerCase(Locale.ROOT));
                    return transfer.upload(a.getImage(), target, user.token())
                            .chain(() -> register(user, target, a, project))
                            .chain(registered -> retireAll(user, old, registered.id()));
                }))));
    }

    private Uni<Image> register(Identity user, ObjectPath target, Appliance a, String project) {
        Map<String, String> properties = ApplianceProperties.of(a, project, ApplianceProperties.ACTIVE);
        properties.putAll(ApplianceProperties.ofImage(a.getImage()));
        ImageMeta meta = new ImageMeta(fields(a, Map.of("location", target.location(), "container_format", "bare")),
                properties);
        return images.register(user.uuid(), user.token(), meta, description(a))
                .onFailure().call(() -> storage.deleteObject(user.token(), target).onFailure().recoverWithUni(e -> {
                    Log.warnf("cloudkeeper: could not delete %s after a failed registration; PostAction retries",
                            target.location());
                    orphanObjects.add(target);
                    return Uni.createFrom().voidItem();
                }))
                .invoke(i -> Log.infof("cloudkeeper: appliance %s of list %s registered as image %s in project %s",
                        a.getIdentifier(), a.getImageListIdentifier(), i.id(), project));
    }

    /**
     * UpdateApplianceMetadata: the held image's properties, name and description follow the appliance; the
     * bytes, the image part and the project stay. An adopted generation-1 image sheds its old properties.
     */
    public Uni<Void> updateMetadata(Appliance a) {
        Requests.requireAppliance(a, false);
        return updateMetadata(a, false);
    }

    /** {@code withImage}: the appliance's image part (same bytes) is written too. */
    private Uni<Void> updateMetadata(Appliance a, boolean withImage) {
        return serviceUser.identity().chain(user -> held(user, a.getIdentifier(), a.getImageListIdentifier())
                .chain(held -> {
                    if (held.isEmpty()) {
                        throw notHeld(a);
                    }
                    List<Uni<Image>> updates = new ArrayList<>();
                    for (Image old : held) {
                        if (withImage && !a.getImage().getDigest().equals(old.properties().get(ApplianceProperties.IMAGE_DIGEST))) {
                            continue;
                        }
                        String project = old.properties().getOrDefault(ApplianceProperties.PROJECT, old.container()
                                .startsWith(CONTAINER_PREFIX) ? old.container().substring(CONTAINER_PREFIX.length()) : "");
                        Map<String, String> properties = ApplianceProperties.withoutGen1(old.properties());
                        properties.putAll(ApplianceProperties.of(a, project, ApplianceProperties.ACTIVE));
                        if (withImage) {
                            properties.putAll(ApplianceProperties.ofImage(a.getImage()));
                        }
                        updates.add(images.update(user.uuid(), user.token(), old.id().toString(),
                                new ImageMeta(fields(a, Map.of()), properties), true, description(a)));
                    }
                    return Uni.join().all(updates).andFailFast().replaceWithVoid();
                }));
    }

    /** RemoveAppliance: every image held for the appliance is retired. */
    public Uni<Void> remove(Appliance a) {
        if (a.getIdentifier().isEmpty()) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "the appliance has no identifier");
        }
        return serviceUser.identity().chain(user -> held(user, a.getIdentifier(), a.getImageListIdentifier())
                .chain(held -> {
                    if (held.isEmpty()) {
                        throw notHeld(a);
                    }
                    return retireAll(user, held, null);
                }));
    }

    /** RemoveImageList: every appliance of the list (none held is not an error). */
    public Uni<Void> removeImageList(String imageList) {
        if (imageList.isEmpty()) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "no image list identifier");
        }
        return serviceUser.identity().chain(user -> heldImages(user).chain(all -> retireAll(user,
                all.stream().filter(i -> imageList.equals(ApplianceProperties.imageListId(i))).toList(), null)));
    }

    /** RemoveExpiredAppliances: the held appliances whose expiration date has passed. */
    public Uni<Void> removeExpired() {
        long now = Instant.now().getEpochSecond();
        return serviceUser.identity().chain(user -> heldImages(user).chain(all -> retireAll(user, all.stream()
                .filter(i -> {
                    long expires = ApplianceProperties.expiration(i);
                    return expires > 0 && expires < now;
                }).toList(), null)));
    }

    /** ImageLists: the distinct list ids of the held appliances. */
    public Multi<String> imageLists() {
        return serviceUser.identity().chain(this::heldImages).onItem().transformToMulti(all -> {
            Set<String> lists = new LinkedHashSet<>();
            all.forEach(i -> lists.add(ApplianceProperties.imageListId(i)));
            lists.remove(null);
            lists.remove("");
            return Multi.createFrom().iterable(lists);
        });
    }

    /** Appliances: one per held appliance of the list, rebuilt from its image with both digests. */
    public Multi<Appliance> appliances(String imageList) {
        if (imageList.isEmpty()) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "no image list identifier");
        }
        return serviceUser.identity().chain(this::heldImages).onItem().transformToMulti(all -> {
            // while a replacement is between register and retire both images are held: the newer one counts
            Map<String, Appliance> byId = new LinkedHashMap<>();
            all.stream().filter(i -> imageList.equals(ApplianceProperties.imageListId(i)))
                    .forEach(i -> byId.put(ApplianceProperties.applianceId(i), ApplianceProperties.toAppliance(i)));
            return Multi.createFrom().iterable(byId.values());
        });
    }

    /**
     * PostAction: deletes the retired images (and their objects) that retiring could not delete, and the
     * objects left behind by failed registrations. Failures are logged and tried again next time.
     */
    public Uni<Void> sweep() {
        return serviceUser.identity().chain(user -> repository.ownedWithProperty(pool, user.uuid(),
                ApplianceProperties.MARKERS).chain(all -> {
                    List<Uni<Void>> deletions = new ArrayList<>();
                    all.stream().filter(ApplianceProperties::isRetired).forEach(i -> deletions.add(delete(user, i)
                            .onFailure().recoverWithItem(e -> {
                                Log.warnf("cloudkeeper: retired image %s still not deleted: %s", i.id(), e.getMessage());
                                return null;
                            })));
                    for (ObjectPath orphan : List.copyOf(orphanObjects)) {
                        deletions.add(storage.deleteObject(user.token(), orphan).invoke(() -> orphanObjects.remove(orphan))
                                .onFailure().recoverWithNull().replaceWithVoid());
                    }
                    return deletions.isEmpty() ? Uni.createFrom().voidItem()
                            : Uni.join().all(deletions).andCollectFailures().replaceWithVoid();
                }));
    }

    /** Marks each image EOL (private), then deletes it; a failed deletion is left to PostAction. */
    private Uni<Void> retireAll(Identity user, List<Image> retiring, UUID keep) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Image old : retiring) {
            if (old.id().equals(keep)) {
                continue;
            }
            Map<String, String> eol = new LinkedHashMap<>(ApplianceProperties.withoutGen1(old.properties()));
            if (!old.properties().containsKey(ApplianceProperties.ID)) {
                // an adopted image keeps who it was, so PostAction still recognises it
                eol.put(ApplianceProperties.ID, ApplianceProperties.applianceId(old));
            }
            eol.put(ApplianceProperties.STATUS, ApplianceProperties.EOL);
            chain = chain.chain(() -> images.update(user.uuid(), user.token(), old.id().toString(),
                    new ImageMeta(Map.of("is_public", "false"), eol), true)
                    .chain(() -> delete(user, old).onFailure().recoverWithItem(e -> {
                        Log.warnf("cloudkeeper: image %s retired but not deleted (%s); PostAction retries", old.id(),
                                e.getMessage());
                        return null;
                    })));
        }
        return chain;
    }

    /** Unregisters the image, then deletes its object (in this order, so the image never outlives its bytes). */
    private Uni<Void> delete(Identity user, Image image) {
        return images.unregister(user.uuid(), image.id().toString())
                .chain(() -> storage.deleteObject(user.token(), new ObjectPath(image.account(), image.container(),
                        image.objectName())))
                .invoke(() -> Log.infof("cloudkeeper: image %s of appliance %s deleted", image.id(),
                        ApplianceProperties.applianceId(image)));
    }

    /** The held images of one appliance; an empty {@code imageList} matches the appliance id alone. */
    private Uni<List<Image>> held(Identity user, String identifier, String imageList) {
        return heldImages(user).map(all -> all.stream()
                .filter(i -> identifier.equals(ApplianceProperties.applianceId(i)))
                .filter(i -> imageList.isEmpty() || imageList.equals(ApplianceProperties.imageListId(i)))
                .toList());
    }

    /** The service user's appliance images that are not retired, oldest first. */
    private Uni<List<Image>> heldImages(Identity user) {
        return repository.ownedWithProperty(pool, user.uuid(), ApplianceProperties.MARKERS)
                .map(all -> all.stream().filter(i -> !ApplianceProperties.isRetired(i)).toList());
    }

    /** The service user's container for {@code project}, created (or moved to the project) once per process. */
    private Uni<String> container(Identity user, String project) {
        String name = CONTAINER_PREFIX + project;
        if (readyContainers.contains(user.uuid() + "/" + name)) {
            return Uni.createFrom().item(name);
        }
        return storage.putContainer(user.token(), user.uuid(), name, project)
                .invoke(() -> readyContainers.add(user.uuid() + "/" + name)).replaceWith(name);
    }

    /** The project uuid or name the mapping file gives for {@code vo}. */
    private String mappedProject(String vo) {
        return mapping.project(vo).orElseThrow(() -> CloudkeeperErrors.error(Kind.RESOURCE_NOT_FOUND,
                "VO " + vo + " is not mapped to a project"));
    }

    /** Name (the title; the identifier when untitled) and visibility, plus {@code extra} fields. */
    private Map<String, String> fields(Appliance a, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>(extra);
        fields.put("name", ApplianceProperties.clamp(a.getTitle().isBlank() ? a.getIdentifier() : a.getTitle()));
        fields.put("is_public", Boolean.toString("public".equalsIgnoreCase(config.cloudkeeper().visibility())));
        return fields;
    }

    /** The description, capped so that no appliance can make an image row arbitrarily large. */
    private static String description(Appliance a) {
        String d = a.getDescription();
        return d.length() <= 65_536 ? d : d.substring(0, 65_536);
    }

    private static CloudkeeperErrors.CloudkeeperException notHeld(Appliance a) {
        return CloudkeeperErrors.error(Kind.APPLIANCE_NOT_FOUND, "appliance " + a.getIdentifier() + " of list "
                + a.getImageListIdentifier() + " is not held");
    }
}
