package org.nefos.compute.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nefos.compute.service.VolumeTransitions;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.compute.VolumeJobReport;
import org.nefos.platform.events.CloudEvent;

/** Applies the backend's volume job reports from {@code compute.volume.events}; compute's own facts are skipped. */
@ApplicationScoped
public class VolumeJobEventsConsumer {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    VolumeTransitions transitions;

    public Uni<Boolean> handle(ConsumerRecord<String, byte[]> record) {
        return handle(CloudEvent.fromRecord(record));
    }

    /** True when the event changed a volume or snapshot. */
    public Uni<Boolean> handle(CloudEvent event) {
        boolean success;
        if (EventCatalog.VOLUME_JOB_COMPLETED.type().equals(event.type())) {
            success = true;
        } else if (EventCatalog.VOLUME_JOB_FAILED.type().equals(event.type())) {
            success = false;
        } else {
            return Uni.createFrom().item(false);
        }
        VolumeJobReport report;
        try {
            report = JSON.readValue(event.data(), VolumeJobReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable volume job report " + event.id(), e);
        }
        return transitions.apply(event.id(), success, report);
    }
}
