package org.nefos.compute.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.backend.ComputeBackend;
import org.nefos.compute.service.ServerTransitions;
import org.nefos.compute.service.VolumeEvents;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.compute.VolumeCommand;
import org.nefos.events.compute.VolumeJobReport;
import org.nefos.platform.events.CloudEvent;
import org.nefos.platform.outbox.Outbox;
import org.nefos.platform.outbox.ProcessedEvents;

/**
 * The backend worker's disk side: takes each volume command from the server command topic once, drives the
 * {@link ComputeBackend} port and reports the job's end on {@code compute.volume.events} through the outbox.
 */
@ApplicationScoped
public class VolumeCommandWorker {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    Pool pool;

    @Inject
    ProcessedEvents processed;

    @Inject
    Outbox outbox;

    @Inject
    ComputeBackend backend;

    public Uni<Void> handle(CloudEvent event) {
        VolumeCommand command;
        try {
            command = JSON.readValue(event.data(), VolumeCommand.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable volume command " + event.id(), e);
        }
        return pool.withTransaction(tx -> processed.firstDelivery(tx, ServerTransitions.GROUP + ".backend",
                event.id()))
                .invoke(first -> {
                    if (first) {
                        run(command);
                    }
                })
                .replaceWithVoid();
    }

    /** Runs the job without holding the consumer. */
    void run(VolumeCommand c) {
        backend.run(c)
                .chain(outcome -> {
                    VolumeJobReport r = new VolumeJobReport(c.volumeId(), c.serverId(), c.jobId(), c.operation(),
                            c.snapshotId(), outcome.message(), Instant.now());
                    return pool.withTransaction(tx -> outbox.append(tx, outcome.success()
                            ? EventCatalog.VOLUME_JOB_COMPLETED : EventCatalog.VOLUME_JOB_FAILED,
                            VolumeEvents.key(c.volumeId()), r));
                })
                .subscribe().with(ok -> Log.debugf("volume job %d (%s) of volume %d reported", (Object) c.jobId(),
                        c.operation(), c.volumeId()),
                        e -> Log.errorf(e, "volume job %d of volume %d: report failed", c.jobId(), c.volumeId()));
    }
}
