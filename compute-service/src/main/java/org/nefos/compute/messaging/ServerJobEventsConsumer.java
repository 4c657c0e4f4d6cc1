package org.nefos.compute.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nefos.compute.service.ServerTransitions;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.compute.ServerJobReport;
import org.nefos.platform.events.CloudEvent;

/** Applies the backend's job reports from {@code compute.server.events}; compute's own facts are skipped. */
@ApplicationScoped
public class ServerJobEventsConsumer {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    ServerTransitions transitions;

    public Uni<Boolean> handle(ConsumerRecord<String, byte[]> record) {
        return handle(CloudEvent.fromRecord(record));
    }

    /** True when the event changed a server (false for other types, redeliveries and stale reports). */
    public Uni<Boolean> handle(CloudEvent event) {
        ServerTransitions.Kind kind;
        if (EventCatalog.SERVER_JOB_PROGRESS.type().equals(event.type())) {
            kind = ServerTransitions.Kind.PROGRESS;
        } else if (EventCatalog.SERVER_JOB_COMPLETED.type().equals(event.type())) {
            kind = ServerTransitions.Kind.COMPLETED;
        } else if (EventCatalog.SERVER_JOB_FAILED.type().equals(event.type())) {
            kind = ServerTransitions.Kind.FAILED;
        } else {
            return Uni.createFrom().item(false);
        }
        ServerJobReport report;
        try {
            report = JSON.readValue(event.data(), ServerJobReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable job report " + event.id(), e);
        }
        return transitions.apply(event.id(), kind, report);
    }
}
