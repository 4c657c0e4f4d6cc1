package org.nefos.compute.messaging;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nefos.compute.repository.ServerPortRepository;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.Topics;
import org.nefos.events.network.PortChanged;
import org.nefos.platform.events.CloudEvent;
import org.nefos.platform.messaging.KafkaLoop;
import org.nefos.platform.outbox.ProcessedEvents;

/**
 * Keeps {@code server_port} in step with network-service's {@code network.port.events}: exactly once per event
 * and only forward in each port's sequence, so redeliveries and late, older events change nothing. A change of a
 * server's ports also moves that server's {@code updated}.
 */
@Singleton
public class NetworkPortEventsConsumer {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Set<String> TYPES = Set.of(EventCatalog.PORT_CREATED.type(),
            EventCatalog.PORT_UPDATED.type(), EventCatalog.PORT_DELETED.type());

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.application.name")
    String group;

    @Inject
    Pool pool;

    @Inject
    ProcessedEvents processed;

    @Inject
    ServerPortRepository ports;

    private KafkaLoop loop;

    void start(@Observes StartupEvent event) {
        loop = new KafkaLoop(bootstrap, group, List.of(Topics.NETWORK_PORT_EVENTS), this::handle).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    public Uni<Boolean> handle(ConsumerRecord<String, byte[]> record) {
        return handle(CloudEvent.fromRecord(record));
    }

    /** True when the event changed the view (false for other types, redeliveries and stale events). */
    public Uni<Boolean> handle(CloudEvent event) {
        if (!TYPES.contains(event.type())) {
            return Uni.createFrom().item(false);
        }
        PortChanged p;
        try {
            p = JSON.readValue(event.data(), PortChanged.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable port event " + event.id(), e);
        }
        long portId = Long.parseLong(p.portId());
        boolean deleted = EventCatalog.PORT_DELETED.type().equals(event.type()) || "DELETED".equals(p.newStatus());
        return pool.withTransaction(tx -> processed.claim(tx, group, event.id(), "port:" + portId, p.sequence())
                .chain(fresh -> {
                    if (!fresh) {
                        return Uni.createFrom().item(false);
                    }
                    if (deleted || p.deviceId() == null) {
                        return ports.delete(tx, portId).chain(server -> ports.touchServer(tx, server))
                                .replaceWith(true);
                    }
                    String ipv4 = null;
                    String ipv6 = null;
                    boolean floating = false;
                    for (PortChanged.PortAddress a : p.fixedIps()) {
                        if (a.version() == 6) {
                            ipv6 = a.ipAddress();
                        } else {
                            ipv4 = a.ipAddress();
                            floating = a.floating();
                        }
                    }
                    long serverId = Long.parseLong(p.deviceId());
                    return ports.upsert(tx, portId, serverId, p.networkId(), p.userId(),
                            p.macAddress(), p.newStatus(), ipv4, ipv6, floating, p.sequence(), p.changedAt())
                            .chain(() -> ports.touchServer(tx, serverId))
                            .replaceWith(true);
                }));
    }
}
