package org.nefos.storage.streaming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.platform.fault.FaultException;
import org.nefos.storage.client.IdentityClient;
import org.nefos.storage.config.StorageConfig;
import org.nefos.storage.domain.Account;
import org.nefos.storage.domain.Container;
import org.nefos.storage.domain.HttpDates;
import org.nefos.storage.domain.MetaKeys;
import org.nefos.storage.domain.Preconditions;
import org.nefos.storage.repository.AccountRepository;
import org.nefos.storage.repository.ContainerRepository;
import org.nefos.storage.repository.SharingRepository;
import org.nefos.storage.service.AccessService;

/** Top level (legacy auth, accounts sharing with me) and account level (P1–P4). */
@ApplicationScoped
public class AccountHandler {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    Pool pool;

    @Inject
    AccountRepository accounts;

    @Inject
    ContainerRepository containers;

    @Inject
    SharingRepository sharing;

    @Inject
    AccessService access;

    @Inject
    StorageConfig config;

    @Inject
    IdentityClient identity;

    /** {@code GET /} without a token: the legacy OOS login, {@code X-Auth-User} + {@code X-Auth-Key}. */
    Uni<Void> legacyAuth(Exchange ex) {
        String user = ex.header("X-Auth-User");
        String key = ex.header("X-Auth-Key");
        if (user == null || key == null || user.isEmpty() || key.isEmpty()) {
            throw FaultException.badRequest("Missing X-Auth-User or X-Auth-Key header");
        }
        String host = ex.request().getHeader("X-Forwarded-Host");
        String base = host != null ? (header(ex, "X-Forwarded-Proto", "http") + "://" + host)
                : ex.request().scheme() + "://" + ex.request().authority();
        ex.response().putHeader("X-Auth-Token", key);
        ex.response().putHeader("X-Storage-Url", base + ex.request().path() + user);
        return PithosRoutes.uni(ex.reply(204));
    }

    private static String header(Exchange ex, String name, String fallback) {
        String v = ex.request().getHeader(name);
        return v == null ? fallback : v;
    }

    /** {@code GET /} with a token: the accounts that share something with the caller. */
    Uni<Void> sharingAccounts(Exchange ex) {
        Format format = ex.format(Format.TEXT);
        return access.grantees(pool, ex.user())
                .chain(g -> sharing.accountsSharingWith(pool, ex.user(), new ArrayList<>(g)))
                .chain(rows -> {
                    List<Map<String, Object>> entries = new ArrayList<>();
                    String marker = ex.param("marker");
                    for (var r : rows) {
                        String name = r.getString("account");
                        if (marker != null && name.compareTo(marker) <= 0) {
                            continue;
                        }
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("name", name);
                        e.put("last_modified", Listings.iso(r.getOffsetDateTime("t").toInstant()));
                        entries.add(e);
                    }
                    List<Map<String, Object>> page = limit(ex, entries);
                    return PithosRoutes.uni(reply(ex, format, page, "accounts", null, "account"));
                });
    }

    Uni<Void> headOrGet(Exchange ex, boolean get) {
        String a = ex.path().account();
        boolean owner = a.equals(ex.user());
        Long untilSeconds = ex.integerParam("until");
        Instant until = untilSeconds == null ? null : Instant.ofEpochSecond(untilSeconds);
        Uni<Account> account = owner ? accounts.ensure(pool, a) : accounts.find(pool, a);
        return account.chain(acc -> {
            if (!owner && (acc == null || until != null)) {
                throw FaultException.forbidden("Not allowed");
            }
            return containers.list(pool, a).chain(list -> visibleContainers(ex, owner, list)).chain(list -> {
                if (!owner && list.isEmpty()) {
                    throw FaultException.forbidden("Not allowed");
                }
                return Multi.createFrom().iterable(list)
                        .onItem().transformToUniAndConcatenate(c -> containers.stats(pool, c.id(), until)
                                .map(s -> Map.entry(c, s)))
                        .collect().asList()
                        .chain(stats -> (owner ? identity.diskspace(a) : Uni.createFrom().<Map<String,
                                IdentityClient.DiskQuota>>nullItem()).chain(quota -> accounts.lastModified(pool, a)
                                .chain(lastModified -> {
                            Instant lm = lastModified == null ? Instant.now() : lastModified;
                            Preconditions.checkDates(ex.header("If-Modified-Since"), ex.header("If-Unmodified-Since"),
                                    lm);
                            ex.header("Last-Modified", HttpDates.format(lm));
                            if (owner) {
                                long bytes = stats.stream().mapToLong(e -> e.getValue().bytes()).sum();
                                long count = until == null ? stats.size()
                                        : stats.stream().filter(e -> !e.getKey().createdAt().isAfter(until)).count();
                                ex.header("X-Account-Container-Count", Long.toString(count));
                                policyHeaders(ex, quota, until == null, bytes);
                                if (until != null) {
                                    Instant t = acc.createdAt().isAfter(until) || lm.isAfter(until) ? until : lm;
                                    ex.header("X-Account-Until-Timestamp", HttpDates.format(t));
                                }
                                acc.meta().forEach((k, v) -> ex.header("X-Account-Meta-" + k, v));
                                acc.groups().forEach((k, v) -> ex.header("X-Account-Group-" + MetaKeys.normalise(k),
                                        String.join(",", v)));
                            }
                            if (!get) {
                                return PithosRoutes.uni(ex.reply(204));
                            }
                            return PithosRoutes.uni(listContainers(ex, owner, stats, until));
                        })));
            });
        });
    }

    /**
     * Usage and limits as identity holds them (spec §3.2, Astakos mode): bytes used = the user's
     * {@code pithos.diskspace} usage over all projects, {@code X-Account-Policy-Quota} = the sum of the
     * limits, one {@code X-Account-Policy-Quota-<project>} per project. With {@code until}, or when identity
     * cannot be reached, the stored bytes are reported and the quota as 0 (unknown).
     */
    private static void policyHeaders(Exchange ex, Map<String, IdentityClient.DiskQuota> quota, boolean now,
            long storedBytes) {
        if (quota == null) {
            ex.header("X-Account-Bytes-Used", Long.toString(storedBytes));
            ex.header("X-Account-Policy-Quota", "0");
            return;
        }
        long usage = quota.values().stream().mapToLong(IdentityClient.DiskQuota::usage).sum();
        long limit = quota.values().stream().mapToLong(IdentityClient.DiskQuota::limit).sum();
        ex.header("X-Account-Bytes-Used", Long.toString(now ? usage : storedBytes));
        ex.header("X-Account-Policy-Quota", Long.toString(limit));
        quota.forEach((project, q) -> ex.header("X-Account-Policy-Quota-" + project, Long.toString(q.limit())));
    }

    private Uni<List<Container>> visibleContainers(Exchange ex, boolean owner, List<Container> list) {
        if (owner) {
            boolean shared = ex.flag("shared");
            boolean published = ex.flag("public");
            if (!shared && !published) {
                return Uni.createFrom().item(list);
            }
            return Multi.createFrom().iterable(list).onItem().transformToUniAndConcatenate(c -> sharing
                    .permissions(pool, c.id()).chain(p -> sharing.publicTokens(pool, c.id())
                            .map(t -> (shared && !p.isEmpty()) || (published && !t.isEmpty()) ? c : null)))
                    .filter(c -> c != null).collect().asList();
        }
        if (ex.flag("public")) {
            throw FaultException.forbidden("Not allowed");
        }
        return access.grantees(pool, ex.user()).chain(g -> Multi.createFrom().iterable(list).onItem()
                .transformToUniAndConcatenate(c -> sharing.permissions(pool, c.id()).map(p -> p.values().stream()
                        .anyMatch(s -> AccessService.visibleGrant(s, g)) ? c : null))
                .filter(c -> c != null).collect().asList());
    }

    private io.vertx.core.Future<Void> listContainers(Exchange ex, boolean owner,
            List<Map.Entry<Container, ContainerRepository.Stats>> stats, Instant until) {
        Format format = ex.format(Format.TEXT);
        String marker = ex.param("marker");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (var e : stats) {
            Container c = e.getKey();
            if ((marker != null && c.name().compareTo(marker) <= 0) || (until != null && c.createdAt().isAfter(until))) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            if (owner) {
                m.put("count", e.getValue().count());
                m.put("bytes", e.getValue().bytes());
            }
            m.put("last_modified", Listings.iso(e.getValue().lastModified() == null ? c.modifiedAt()
                    : e.getValue().lastModified().isAfter(c.modifiedAt()) ? e.getValue().lastModified()
                            : c.modifiedAt()));
            if (owner) {
                Map<String, String> policy = new LinkedHashMap<>();
                policy.put("quota", Long.toString(c.quota()));
                policy.put("versioning", c.versioning());
                policy.put("project", c.project());
                m.put("x_container_policy", policy);
                if (until != null) {
                    m.put("x_container_until_timestamp", Listings.iso(e.getValue().lastModified()));
                }
            }
            entries.add(m);
        }
        return reply(ex, format, limit(ex, entries), "account", ex.path().account(), "container");
    }

    static List<Map<String, Object>> limit(Exchange ex, List<Map<String, Object>> entries) {
        Long limit = ex.integerParam("limit");
        int max = limit == null || limit == 0 || limit > 10000 ? 10000 : limit.intValue();
        return entries.size() > max ? entries.subList(0, max) : entries;
    }

    static io.vertx.core.Future<Void> reply(Exchange ex, Format format, List<Map<String, Object>> entries, String root,
            String rootName, String element) {
        return switch (format) {
            case TEXT -> {
                if (entries.isEmpty()) {
                    yield ex.reply(204, Format.TEXT.contentType(), "");
                }
                List<String> names = new ArrayList<>();
                entries.forEach(e -> names.add(String.valueOf(e.containsKey("subdir") ? e.get("subdir") : e.get("name"))));
                yield ex.reply(200, Format.TEXT.contentType(), Listings.text(names));
            }
            case JSON -> ex.reply(200, Format.JSON.contentType(), Listings.json(entries));
            case XML -> ex.reply(200, Format.XML.contentType(), Listings.xml(root, rootName, element, entries));
        };
    }

    /** {@code POST /{a}}: metadata and groups, replace or ({@code update}) merge. */
    Uni<Void> post(Exchange ex) {
        String a = ex.path().account();
        if (!a.equals(ex.user())) {
            throw FaultException.forbidden("Not allowed");
        }
        boolean update = ex.flag("update");
        Map<String, String> meta = MetaHeaders.read(ex, "X-Account-Meta-");
        Map<String, String> groupHeaders = MetaHeaders.read(ex, "X-Account-Group-");
        Map<String, List<String>> given = new TreeMap<>();
        groupHeaders.forEach((k, v) -> {
            String name = k.toLowerCase();
            if (name.contains("-") || name.contains("_") || name.length() > 256) {
                throw FaultException.badRequest("Bad group name");
            }
            Set<String> members = new LinkedHashSet<>();
            for (String m : v.replace(" ", "").split(",")) {
                if (m.isEmpty()) {
                    continue;
                }
                if (!UUID.matcher(m).matches() || m.length() > 256) {
                    throw FaultException.badRequest("Bad group member " + m);
                }
                members.add(m.toLowerCase());
            }
            if (members.size() > 32) {
                throw FaultException.badRequest("Too many group members");
            }
            given.put(name, List.copyOf(members));
        });
        Set<String> members = new LinkedHashSet<>();
        given.values().forEach(members::addAll);
        return identity.unknownUsers(members).chain(unknown -> {
            if (!unknown.isEmpty()) {
                throw FaultException.badRequest("Unknown group member " + unknown.iterator().next());
            }
            return accounts.ensure(pool, a);
        }).chain(acc -> {
            Map<String, String> newMeta = MetaHeaders.apply(acc.meta(), meta, update);
            Map<String, List<String>> groups = new TreeMap<>(update || given.isEmpty() ? acc.groups() : Map.of());
            given.forEach((k, v) -> {
                if (v.isEmpty()) {
                    groups.remove(k);
                } else {
                    groups.put(k, v);
                }
            });
            if (groups.size() > 32) {
                throw FaultException.badRequest("Too many groups");
            }
            return accounts.update(pool, a, newMeta, groups);
        }).chain(() -> PithosRoutes.uni(ex.reply(202)));
    }
}
