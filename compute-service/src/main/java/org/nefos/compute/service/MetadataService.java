package org.nefos.compute.service;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.ServerAction;
import org.nefos.compute.domain.ServerStateMachine;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.FaultException;

/** Server metadata (cyclades-api.md 2.6); allowed in any state, BUILD included. */
@ApplicationScoped
public class MetadataService {

    @Inject
    Pool pool;

    @Inject
    ServerRepository servers;

    @Inject
    ComputeConfig config;

    public Uni<Map<String, String>> list(Principal caller, long id) {
        return servers.find(pool, id, caller.id(), false).map(ServerService::visible).map(s -> s.metadata());
    }

    public Uni<String> get(Principal caller, long id, String key) {
        return list(caller, id).map(m -> {
            if (!m.containsKey(key)) {
                throw FaultException.notFound("Metadata key not found.");
            }
            return m.get(key);
        });
    }

    /** Merges {@code items} into the server's metadata; answers the whole result. */
    public Uni<Map<String, String>> merge(Principal caller, long id, Map<String, String> items) {
        return pool.withTransaction(tx -> servers.find(tx, id, caller.id(), true).map(ServerService::visible)
                .chain(s -> {
                    ServerStateMachine.admit(s, ServerAction.MODIFY);
                    Map<String, String> merged = new TreeMap<>(s.metadata());
                    merged.putAll(items);
                    MetadataRules.checkCount(merged.size(), config.maxMetadata());
                    MetadataRules.checkItems(items);
                    return servers.putMetadata(tx, id, items).chain(() -> servers.update(tx, id, Map.of()))
                            .replaceWith(merged);
                }));
    }

    public Uni<Void> delete(Principal caller, long id, String key) {
        return pool.withTransaction(tx -> servers.find(tx, id, caller.id(), true).map(ServerService::visible)
                .chain(s -> {
                    ServerStateMachine.admit(s, ServerAction.MODIFY);
                    return servers.deleteMetadata(tx, id, key);
                })
                .chain(found -> {
                    if (!found) {
                        throw FaultException.notFound("Metadata key not found.");
                    }
                    return servers.update(tx, id, Map.of()).replaceWithVoid();
                }));
    }
}
