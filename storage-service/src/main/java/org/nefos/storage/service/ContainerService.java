package org.nefos.storage.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.platform.fault.FaultException;
import org.nefos.storage.domain.Container;
import org.nefos.storage.repository.AccountRepository;
import org.nefos.storage.repository.ContainerRepository;
import org.nefos.storage.repository.ObjectRepository;

/** Container creation, policy and metadata changes (with project reassignment on identity), deletion. */
@ApplicationScoped
public class ContainerService {

    @Inject
    Pool pool;

    @Inject
    AccountRepository accounts;

    @Inject
    ContainerRepository containers;

    @Inject
    ObjectRepository objects;

    @Inject
    QuotaService quota;

    /** The policy keys a request supplied ({@code null} = not given). */
    public record Policy(Long quota, String versioning, String project) {

        public boolean isEmpty() {
            return quota == null && versioning == null && project == null;
        }

        /** Reads and validates {@code X-Container-Policy-*} (whitespace removed; unknown keys → 400). */
        public static Policy read(Map<String, String> policies) {
            Long q = null;
            String v = null;
            String p = null;
            for (Map.Entry<String, String> e : policies.entrySet()) {
                String value = e.getValue().replaceAll("\\s", "");
                switch (e.getKey().toLowerCase()) {
                    case "quota" -> {
                        if (!value.matches("[0-9]{1,18}")) {
                            throw FaultException.badRequest("Invalid quota policy");
                        }
                        q = Long.parseLong(value);
                    }
                    case "versioning" -> {
                        if (!value.equals("auto") && !value.equals("none")) {
                            throw FaultException.badRequest("Invalid versioning policy");
                        }
                        v = value;
                    }
                    case "project" -> p = value;
                    default -> throw FaultException.badRequest("Invalid policy " + e.getKey());
                }
            }
            return new Policy(q, v, p);
        }
    }

    /** PUT: creates (true) or updates (false, merge) a container. */
    public Uni<Boolean> put(String account, String name, Policy policy, Map<String, String> meta) {
        return accounts.ensure(pool, account).chain(a -> containers.insert(pool, account, name,
                policy.quota() == null ? 0 : policy.quota(), policy.versioning() == null ? "auto" : policy.versioning(),
                policy.project() == null ? account : policy.project(), clean(meta))).chain(created -> {
                    if (created != null) {
                        return Uni.createFrom().item(true);
                    }
                    return containers.find(pool, account, name)
                            .chain(c -> change(c, policy, meta, true)).replaceWith(false);
                });
    }

    /** POST: policy (merge with {@code update}, else the given keys over defaults) and metadata. */
    public Uni<Void> post(String account, String name, Policy policy, Map<String, String> meta, boolean update) {
        return containers.find(pool, account, name).chain(c -> {
            if (c == null) {
                throw FaultException.notFound("Container does not exist");
            }
            Container base = c;
            if (!policy.isEmpty() && !update) {
                base = new Container(c.id(), c.account(), c.name(), 0, "auto",
                        policy.project() == null ? c.account() : c.project(), c.meta(), c.createdAt(), c.modifiedAt());
            }
            return changeFrom(c, base, policy, meta, update);
        });
    }

    private Uni<Void> change(Container c, Policy policy, Map<String, String> meta, boolean merge) {
        return changeFrom(c, c, policy, meta, merge);
    }

    private Uni<Void> changeFrom(Container old, Container base, Policy policy, Map<String, String> meta,
            boolean merge) {
        Map<String, String> newMeta = new LinkedHashMap<>(merge ? old.meta() : Map.of());
        meta.forEach((k, v) -> {
            if (v.isEmpty()) {
                newMeta.remove(k);
            } else {
                newMeta.put(k, v);
            }
        });
        if (newMeta.size() > 32) {
            throw FaultException.badRequest("Too many metadata items");
        }
        Container next = new Container(old.id(), old.account(), old.name(),
                policy.quota() != null ? policy.quota() : base.quota(),
                policy.versioning() != null ? policy.versioning() : base.versioning(),
                policy.project() != null ? policy.project() : base.project(), newMeta, old.createdAt(),
                old.modifiedAt());
        if (next.project().equals(old.project())) {
            return containers.update(pool, next);
        }
        return reassign(old, next);
    }

    /** Moves the container's current usage from its old project to the new one on identity, then stores it. */
    private Uni<Void> reassign(Container old, Container next) {
        return containers.stats(pool, old.id(), null).chain(stats -> {
            if (stats.bytes() == 0) {
                return containers.update(pool, next);
            }
            return quota.issue(old.account(), next.project(), stats.bytes(), "reassign " + old.name())
                    .chain(in -> quota.issue(old.account(), old.project(), -stats.bytes(), "reassign " + old.name())
                            .onFailure().call(e -> quota.reject(in))
                            .chain(out -> containers.update(pool, next)
                                    .chain(() -> quota.accept(in)).chain(() -> quota.accept(out))
                                    .onFailure().call(e -> quota.reject(in).chain(() -> quota.reject(out)))));
        });
    }

    /** DELETE without {@code delimiter}: 409 while current objects remain, else purge and remove. */
    public Uni<Void> delete(Container c) {
        return containers.stats(pool, c.id(), null).chain(s -> {
            if (s.count() > 0) {
                throw FaultException.conflict("Container is not empty");
            }
            return containers.delete(pool, c.id());
        });
    }

    /** DELETE with an integer {@code until}: history and tombstones up to then are destroyed. */
    public Uni<Void> purgeHistory(Container c, Instant until) {
        return objects.purgeHistory(pool, c.id(), until);
    }

    private static Map<String, String> clean(Map<String, String> meta) {
        Map<String, String> m = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (!v.isEmpty()) {
                m.put(k, v);
            }
        });
        return m;
    }
}
