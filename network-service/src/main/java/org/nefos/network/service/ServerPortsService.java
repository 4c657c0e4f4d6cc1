package org.nefos.network.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nefos.network.domain.PortStatus;
import org.nefos.network.repository.PortRepository;
import org.nefos.network.repository.ServerViewRepository;
import org.nefos.platform.outbox.ProcessedEvents;

/**
 * Moves the ports of a server when compute reports a server change: build completed → ACTIVE, stopped →
 * DOWN, build failed → ERROR, deleted → ports removed. Exactly once per event, in server sequence order.
 */
@ApplicationScoped
public class ServerPortsService {

    @Inject
    Pool pool;

    @Inject
    ProcessedEvents processed;

    @Inject
    ServerViewRepository servers;

    @Inject
    PortRepository ports;

    @Inject
    PortEvents events;

    @ConfigProperty(name = "quarkus.application.name")
    String group;

    /** True when the event was applied (false for redeliveries and stale ones). */
    public Uni<Boolean> apply(String eventId, long serverId, String userId, String status, long sequence) {
        return pool.withTransaction(tx -> processed.claim(tx, group, eventId, "server:" + serverId, sequence)
                .chain(fresh -> {
                    if (!fresh) {
                        return Uni.createFrom().item(false);
                    }
                    return servers.upsert(tx, serverId, userId, status)
                            .chain(() -> ports.lockOfDevice(tx, serverId))
                            .chain(attached -> Multi.createFrom().iterable(attached).onItem().transformToUniAndConcatenate(p -> {
                                if ("DELETED".equals(status)) {
                                    return ports.delete(tx, p.id()).chain(() -> events.deleted(tx, p));
                                }
                                PortStatus next = p.status().onServer(status);
                                if (next == null || next == p.status()) {
                                    return Uni.createFrom().voidItem();
                                }
                                String change = switch (next) {
                                    case ACTIVE -> "activate";
                                    case DOWN -> "down";
                                    case ERROR -> "error";
                                    default -> "update";
                                };
                                return ports.setStatus(tx, p.id(), next).chain(() -> ports.find(tx, p.id()))
                                        .chain(updated -> events.updated(tx, updated, change, p.status().name()));
                            }).collect().last().replaceWith(true));
                }));
    }
}
