package org.nefos.compute.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.domain.Flavor;
import org.nefos.compute.repository.FlavorRepository;
import org.nefos.platform.fault.FaultException;

/** Flavors: all public; no per-project grants yet, so {@code SNF:flavor-access} filters to nothing. */
@ApplicationScoped
public class FlavorService {

    @Inject
    Pool pool;

    @Inject
    FlavorRepository flavors;

    public Uni<List<Flavor>> list(String isPublic, String access) {
        if (access != null) {
            return Uni.createFrom().item(List.of());
        }
        Boolean filter = null;
        if (isPublic != null) {
            filter = switch (isPublic.toLowerCase()) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw FaultException.badRequest("Invalid SNF:is_public value");
            };
        }
        return flavors.active(pool, filter);
    }

    /** Deleted flavors are still answered (servers may use them). */
    public Uni<Flavor> get(long id) {
        return flavors.find(pool, id).map(f -> {
            if (f == null) {
                throw FaultException.notFound("Flavor not found.");
            }
            return f;
        });
    }
}
