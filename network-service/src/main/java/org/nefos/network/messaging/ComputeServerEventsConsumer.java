package org.nefos.network.messaging;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.network.service.ServerPortsService;
import org.nefos.platform.events.CloudEvent;

/**
 * Compute's server facts on {@code compute.server.events} drive the ports of the server; backend job
 * reports on the same topic are skipped.
 */
@ApplicationScoped
public class ComputeServerEventsConsumer {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Set<String> FACTS = Set.of(EventCatalog.SERVER_CREATE_STARTED.type(),
            EventCatalog.SERVER_CREATE_COMPLETED.type(), EventCatalog.SERVER_CREATE_FAILED.type(),
            EventCatalog.SERVER_UPDATED.type(), EventCatalog.SERVER_DELETED.type());

    @Inject
    ServerPortsService ports;

    public Uni<Boolean> handle(ConsumerRecord<String, byte[]> record) {
        return handle(CloudEvent.fromRecord(record));
    }

    public Uni<Boolean> handle(CloudEvent event) {
        if (!FACTS.contains(event.type())) {
            return Uni.createFrom().item(false);
        }
        JsonNode data;
        try {
            data = JSON.readTree(event.data());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable server event " + event.id(), e);
        }
        String status = data.path("newStatus").asText("");
        if (EventCatalog.SERVER_DELETED.type().equals(event.type())) {
            status = "DELETED";
        }
        return ports.apply(event.id(), data.path("serverId").asLong(), data.path("userId").asText(), status,
                data.path("sequence").asLong());
    }
}
