package org.nefos.compute.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.OperState;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerAction;
import org.nefos.compute.domain.ServerStateMachine;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.platform.auth.Principal;

/**
 * Server tags (cyclades-api.md 2.7): new tags are PENDADD until the backend confirms them, which the
 * simulated backend does after its boot duration (for a building server: when the build succeeds).
 */
@ApplicationScoped
public class TagService {

    @Inject
    Pool pool;

    @Inject
    ServerRepository servers;

    @Inject
    ComputeConfig config;

    public Uni<LinkedHashMap<String, String>> list(Principal caller, long id) {
        return servers.find(pool, id, caller.id(), false).map(ServerService::visible)
                .chain(s -> servers.tags(pool, s.id()));
    }

    /** Replace: the ACTIVE tags go, the given ones are added as pending. */
    public Uni<Void> replace(Principal caller, long id, List<String> tags) {
        MetadataRules.checkTags(tags, config.maxTags());
        return write(caller, id, tags);
    }

    /** Add one; true when it is new. */
    public Uni<Boolean> add(Principal caller, long id, String tag) {
        MetadataRules.checkTag(tag);
        return pool.withTransaction(tx -> locked(caller, id, tx).chain(s -> servers.tags(tx, id).chain(current -> {
            if (current.containsKey(tag)) {
                return Uni.createFrom().item(false);
            }
            MetadataRules.checkTags(List.copyOf(withTag(current, tag).keySet()), config.maxTags());
            return servers.addTags(tx, id, List.of(tag)).chain(n -> servers.update(tx, id, Map.of()))
                    .replaceWith(true);
        }))).call(added -> added ? confirmLater(id) : Uni.createFrom().voidItem());
    }

    /** Delete one ({@code tag}) or all ({@code null}); true when an ACTIVE tag was removed. */
    public Uni<Boolean> delete(Principal caller, long id, String tag) {
        return pool.withTransaction(tx -> locked(caller, id, tx).chain(s -> servers.deleteTags(tx, id, tag))
                .chain(active -> servers.update(tx, id, Map.of()).replaceWith(active > 0)));
    }

    private Uni<Void> write(Principal caller, long id, List<String> tags) {
        return pool.withTransaction(tx -> locked(caller, id, tx)
                .call(s -> servers.deleteTags(tx, id, null))
                .call(s -> servers.addTags(tx, id, tags))
                .call(s -> servers.update(tx, id, Map.of())))
                .chain(s -> confirmLater(id));
    }

    private Uni<Server> locked(Principal caller, long id, io.vertx.mutiny.sqlclient.SqlConnection tx) {
        return servers.find(tx, id, caller.id(), true).map(ServerService::visible)
                .invoke(s -> ServerStateMachine.admit(s, ServerAction.MODIFY));
    }

    /** The simulated backend's tag job: pending tags of a built server become ACTIVE shortly. */
    private Uni<Void> confirmLater(long id) {
        Uni.createFrom().voidItem().onItem().delayIt().by(config.backend().bootDuration())
                .chain(() -> pool.withTransaction(tx -> servers.lock(tx, id).chain(s -> s == null
                        || s.operState() == OperState.BUILD ? Uni.createFrom().voidItem()
                        : servers.activateTags(tx, id).chain(() -> servers.update(tx, id, Map.of())).replaceWithVoid())))
                .subscribe().with(ok -> {
                }, e -> Log.warnf("tags of server %d not confirmed: %s", id, e.toString()));
        return Uni.createFrom().voidItem();
    }

    private static LinkedHashMap<String, String> withTag(LinkedHashMap<String, String> current, String tag) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>(current);
        out.put(tag, "PENDADD");
        return out;
    }
}
