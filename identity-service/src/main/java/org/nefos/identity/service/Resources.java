package org.nefos.identity.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.identity.config.IdentityConfig;
import org.nefos.identity.domain.Resource;
import org.nefos.identity.repository.ResourceRepository;

/**
 * The registered quota resources, read once at start-up (after the configured base quotas are
 * applied) and then served from memory: they change only with a deployment.
 */
@ApplicationScoped
public class Resources {

    @Inject
    Pool pool;

    @Inject
    ResourceRepository repository;

    @Inject
    IdentityConfig config;

    private volatile List<Resource> all = List.of();
    private volatile Map<String, Resource> byName = Map.of();

    Uni<Void> load() {
        return Multi.createFrom().iterable(config.baseQuota().entrySet())
                .onItem().transformToUniAndConcatenate(e -> repository.updateSystemDefault(pool, e.getKey(), e.getValue())
                        .invoke(n -> {
                            if (n == 0) {
                                Log.warnf("nefos.identity.base-quota names an unknown resource: %s", e.getKey());
                            }
                        }))
                .collect().asList()
                .chain(ignored -> repository.all(pool))
                .invoke(list -> {
                    all = List.copyOf(list);
                    byName = list.stream().collect(Collectors.toMap(Resource::name, Function.identity()));
                })
                .replaceWithVoid();
    }

    public List<Resource> all() {
        return all;
    }

    public Optional<Resource> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
