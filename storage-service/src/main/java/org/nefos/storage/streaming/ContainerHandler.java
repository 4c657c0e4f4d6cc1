package org.nefos.storage.streaming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.storage.blockstore.BlockStore;
import org.nefos.storage.config.StorageConfig;
import org.nefos.storage.domain.Container;
import org.nefos.storage.domain.HttpDates;
import org.nefos.storage.domain.ObjectVersion;
import org.nefos.storage.domain.Preconditions;
import org.nefos.storage.domain.Sharing;
import org.nefos.storage.repository.AccountRepository;
import org.nefos.storage.repository.ContainerRepository;
import org.nefos.storage.repository.ObjectRepository;
import org.nefos.storage.repository.SharingRepository;
import org.nefos.storage.service.AccessService;
import org.nefos.storage.service.ContainerService;
import org.nefos.storage.service.ObjectService;

/** Container level (P5–P9), including object listings and the block upload of the hashmap protocol. */
@ApplicationScoped
public class ContainerHandler {

    @Inject
    Pool pool;

    @Inject
    AccountRepository accounts;

    @Inject
    ContainerRepository containers;

    @Inject
    ObjectRepository objects;

    @Inject
    SharingRepository sharing;

    @Inject
    AccessService access;

    @Inject
    ContainerService containerService;

    @Inject
    ObjectService objectService;

    @Inject
    BlockStore store;

    @Inject
    BlockHasher hasher;

    @Inject
    StorageConfig config;

    @Inject
    BlockBuffers buffers;

    /** The container or 404. */
    Uni<Container> find(Exchange ex, String account, String name) {
        return containers.find(pool, account, name).map(c -> {
            if (c == null) {
                throw FaultException.notFound("Container does not exist");
            }
            return c;
        });
    }

    Uni<Void> headOrGet(Exchange ex, boolean get) {
        String a = ex.path().account();
        boolean owner = a.equals(ex.user());
        Long untilSeconds = ex.integerParam("until");
        Instant until = untilSeconds == null ? null : Instant.ofEpochSecond(untilSeconds);
        if (!owner && until != null) {
            throw FaultException.forbidden("Not allowed");
        }
        return find(ex, a, ex.path().container()).chain(c -> {
            if (until != null && c.createdAt().isAfter(until)) {
                throw FaultException.notFound("Container does not exist");
            }
            return access.grantees(pool, ex.user()).chain(grantees -> sharing.permissions(pool, c.id())
                    .chain(perms -> {
                        if (!owner && perms.values().stream().noneMatch(s -> AccessService.visibleGrant(s, grantees))) {
                            throw FaultException.forbidden("Not allowed");
                        }
                        return containers.stats(pool, c.id(), until).chain(stats -> containers
                                .lastModified(pool, c.id()).chain(lm -> containers.objectMetaKeys(pool, c.id())
                                        .chain(keys -> {
                                            Preconditions.checkDates(ex.header("If-Modified-Since"),
                                                    ex.header("If-Unmodified-Since"), lm);
                                            headers(ex, c, owner, stats, lm, keys, until);
                                            if (!get) {
                                                return PithosRoutes.uni(ex.reply(204));
                                            }
                                            return list(ex, c, owner, perms, grantees, until);
                                        })));
                    }));
        });
    }

    private void headers(Exchange ex, Container c, boolean owner, ContainerRepository.Stats stats, Instant lm,
            List<String> keys, Instant until) {
        ex.header("Last-Modified", HttpDates.format(lm));
        ex.header("X-Container-Object-Meta", String.join(",", keys));
        ex.header("X-Container-Block-Size", Integer.toString(config.blockSize()));
        ex.header("X-Container-Block-Hash", hasher.algorithm());
        if (owner) {
            ex.header("X-Container-Object-Count", Long.toString(stats.count()));
            ex.header("X-Container-Bytes-Used", Long.toString(stats.bytes()));
            ex.header("X-Container-Policy-Quota", Long.toString(c.quota()));
            ex.header("X-Container-Policy-Versioning", c.versioning());
            ex.header("X-Container-Policy-Project", c.project());
            c.meta().forEach((k, v) -> ex.header("X-Container-Meta-" + k, v));
            if (until != null) {
                Instant t = stats.lastModified() == null ? until : stats.lastModified();
                ex.header("X-Container-Until-Timestamp", HttpDates.format(t));
            }
        }
    }

    private Uni<Void> list(Exchange ex, Container c, boolean owner, Map<String, Sharing> perms, Set<String> grantees,
            Instant until) {
        if (!owner && ex.flag("public")) {
            throw FaultException.forbidden("Not allowed");
        }
        String path = ex.param("path");
        String prefix = path != null ? path : ex.param("prefix");
        String delimiter = path != null ? "/" : ex.param("delimiter");
        prefix = prefix == null ? "" : prefix;
        if (delimiter != null && !delimiter.isEmpty() && !prefix.isEmpty() && !prefix.endsWith(delimiter)) {
            prefix = prefix + delimiter;
        }
        while (prefix.startsWith("/")) {
            prefix = prefix.substring(1);
        }
        String finalPrefix = prefix;
        String marker = ex.param("marker");
        Uni<List<ObjectVersion>> rows = until == null ? objects.listCurrent(pool, c.id(), prefix, marker)
                : objects.listAsOf(pool, c.id(), prefix, marker, until);
        return rows.chain(versions -> sharing.publicTokens(pool, c.id()).chain(tokens -> folders(c, perms)
                .map(folders -> {
                    List<MetaFilter> filters = MetaFilter.parse(ex.param("meta"));
                    boolean shared = owner && ex.flag("shared");
                    boolean published = owner && ex.flag("public");
                    Long limitParam = ex.integerParam("limit");
                    int max = limitParam == null || limitParam == 0 || limitParam > config.listLimit()
                            ? config.listLimit() : limitParam.intValue();
                    List<Map<String, Object>> entries = new ArrayList<>();
                    Set<String> subdirs = new HashSet<>();
                    for (ObjectVersion v : versions) {
                        if (entries.size() >= max) {
                            break;
                        }
                        if (!owner && !AccessService.visible(v, perms, folders, grantees)) {
                            continue;
                        }
                        if ((shared || published) && !((shared && sharedPath(v.name(), perms, folders))
                                || (published && tokens.containsKey(v.name())))) {
                            continue;
                        }
                        if (!filters.stream().allMatch(f -> f.test(v.meta()))) {
                            continue;
                        }
                        if (delimiter != null && !delimiter.isEmpty()) {
                            int i = v.name().indexOf(delimiter, finalPrefix.length());
                            if (i >= 0 && i + delimiter.length() < v.name().length()) {
                                if (path == null) {
                                    String dir = v.name().substring(0, i + delimiter.length());
                                    if (subdirs.add(dir)) {
                                        entries.add(Map.of("subdir", dir));
                                    }
                                }
                                continue;
                            }
                        }
                        entries.add(entry(v, owner, until, perms.get(v.name()), tokens.get(v.name()), grantees));
                    }
                    return entries;
                }))).chain(entries -> PithosRoutes.uni(AccountHandler.reply(ex, ex.format(Format.TEXT), entries,
                        "container", c.name(), "object")));
    }

    private static boolean sharedPath(String name, Map<String, Sharing> perms, Set<String> folders) {
        for (String candidate : org.nefos.storage.service.AccessService.candidatesOf(name)) {
            if (perms.containsKey(candidate) && (candidate.equals(name) || folders.contains(candidate))) {
                return true;
            }
        }
        return false;
    }

    /** The names among the permission paths that are existing folder objects. */
    private Uni<Set<String>> folders(Container c, Map<String, Sharing> perms) {
        return Multi.createFrom().iterable(perms.keySet()).onItem()
                .transformToUniAndConcatenate(n -> objects.current(pool, c.id(), n, false)
                        .map(v -> v != null && v.isFolder() ? n : ""))
                .filter(n -> !n.isEmpty()).collect().asSet();
    }

    private Map<String, Object> entry(ObjectVersion v, boolean owner, Instant until, Sharing perm, String token,
            Set<String> grantees) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("bytes", v.size());
        m.put("content_type", v.contentType());
        m.put("hash", v.md5());
        m.put("x_object_hash", v.topHash());
        m.put("x_object_uuid", v.uuid().toString());
        m.put("x_object_version", v.id());
        m.put("x_object_version_timestamp", Listings.decimal(v.mtime()));
        if (until == null) {
            m.put("last_modified", Listings.iso(v.mtime()));
        }
        m.put("x_object_modified_by", v.modifiedBy());
        m.put("available", 1);
        m.put("map_check_timestamp", null);
        if (until == null && perm != null && !perm.isEmpty()) {
            m.put("x_object_sharing", perm.format());
            if (!owner) {
                m.put("x_object_allowed_to", AccessService.allowedTo(perm, grantees));
            }
        }
        if (until == null && owner && token != null) {
            m.put("x_object_public", ObjectReadHandler.publicUrl(config, token));
        }
        return m;
    }

    Uni<Void> put(Exchange ex) {
        requireOwner(ex);
        ContainerService.Policy policy = ContainerService.Policy.read(MetaHeaders.read(ex, "X-Container-Policy-"));
        Map<String, String> meta = MetaHeaders.read(ex, "X-Container-Meta-");
        return containerService.put(ex.path().account(), ex.path().container(), policy, meta)
                .chain(created -> PithosRoutes.uni(ex.reply(created ? 201 : 202)));
    }

    Uni<Void> post(Exchange ex) {
        requireOwner(ex);
        boolean update = ex.flag("update");
        ContainerService.Policy policy = ContainerService.Policy.read(MetaHeaders.read(ex, "X-Container-Policy-"));
        Map<String, String> meta = MetaHeaders.read(ex, "X-Container-Meta-");
        boolean blocks = "application/octet-stream".equals(ex.request().getHeader("Content-Type")) && hasBody(ex);
        boolean touchesContainer = !policy.isEmpty() || !meta.isEmpty() || !update;
        Uni<Void> change = touchesContainer
                ? containerService.post(ex.path().account(), ex.path().container(), policy, meta, update)
                : accounts.ensure(pool, ex.path().account()).replaceWithVoid();
        return change.chain(() -> {
            if (!blocks) {
                return PithosRoutes.uni(ex.reply(202));
            }
            UploadStream upload = new UploadStream(ex.vertx(), ex.request(), store, hasher, buffers,
                    config.maxObjectPut(), config.uploadParallelism());
            return PithosRoutes.uni(upload.run().compose(r -> {
                Format f = ex.replyFormat();
                String body = f == Format.XML ? xmlItems(r.hashes()) : new JsonArray(new ArrayList<>(r.hashes())).encode();
                return ex.reply(202, f.contentType(), body);
            }));
        });
    }

    static boolean hasBody(Exchange ex) {
        String length = ex.request().getHeader("Content-Length");
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                throw FaultException.badRequest("Invalid Content-Length");
            }
        }
        String te = ex.request().getHeader("Transfer-Encoding");
        return te != null && te.toLowerCase().contains("chunked");
    }

    private static String xmlItems(List<String> hashes) {
        StringBuilder b = new StringBuilder(Listings.XML_DECLARATION).append("<items>");
        hashes.forEach(h -> b.append("<item>").append(h).append("</item>"));
        return b.append("</items>").toString();
    }

    Uni<Void> delete(Exchange ex) {
        requireOwner(ex);
        return find(ex, ex.path().account(), ex.path().container()).chain(c -> {
            Long until = ex.integerParam("until");
            if (until != null) {
                return containerService.purgeHistory(c, Instant.ofEpochSecond(until));
            }
            if (ex.param("delimiter") != null) {
                return objects.listCurrent(pool, c.id(), "", null).chain(list -> Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(v -> objectService.delete(c, v.name(), ex.user())
                                .onFailure(FaultException.class).recoverWithNull())
                        .collect().asList().replaceWithVoid());
            }
            return containerService.delete(c);
        }).chain(() -> PithosRoutes.uni(ex.reply(204)));
    }

    private static void requireOwner(Exchange ex) {
        if (!ex.path().account().equals(ex.user())) {
            throw new FaultException(Fault.FORBIDDEN, "Not allowed");
        }
    }
}
