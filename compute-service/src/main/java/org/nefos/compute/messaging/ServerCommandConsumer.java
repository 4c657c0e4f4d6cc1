package org.nefos.compute.messaging;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.nefos.compute.backend.ComputeBackend;
import org.nefos.compute.service.ServerEvents;
import org.nefos.compute.service.ServerTransitions;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.EventType;
import org.nefos.events.compute.ServerCommand;
import org.nefos.events.compute.ServerJobReport;
import org.nefos.events.compute.VolumeCommand;
import org.nefos.platform.events.CloudEvent;
import org.nefos.platform.outbox.Outbox;
import org.nefos.platform.outbox.ProcessedEvents;

/**
 * The backend worker: takes each command once, drives the {@link ComputeBackend} port and reports the
 * job's progress and end as events (through the outbox, like every other event).
 */
@ApplicationScoped
public class ServerCommandConsumer {

    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    Pool pool;

    @Inject
    ProcessedEvents processed;

    @Inject
    Outbox outbox;

    @Inject
    ComputeBackend backend;

    @Inject
    VolumeCommandWorker volumeCommands;

    public Uni<Void> handle(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = CloudEvent.fromRecord(record);
        var type = EventCatalog.byType(event.type());
        if (type.isPresent() && type.get().payload() == VolumeCommand.class) {
            return volumeCommands.handle(event);
        }
        if (type.isEmpty() || type.get().payload() != ServerCommand.class) {
            return Uni.createFrom().voidItem();
        }
        ServerCommand command;
        try {
            command = JSON.readValue(event.data(), ServerCommand.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable command " + event.id(), e);
        }
        return pool.withTransaction(tx -> processed.claim(tx, ServerTransitions.GROUP + ".backend", event.id(),
                "server:" + command.serverId(), command.sequence()))
                .invoke(first -> {
                    if (first) {
                        run(command);
                    }
                })
                .replaceWithVoid();
    }

    /** Runs the job without holding the consumer; its reports go through the outbox. */
    void run(ServerCommand command) {
        AtomicLong sequence = new AtomicLong();
        backend.run(command, percent -> report(EventCatalog.SERVER_JOB_PROGRESS, command, percent, null,
                sequence.incrementAndGet()).subscribe().with(ok -> {
                }, e -> Log.warnf("progress of job %d lost: %s", command.jobId(), e.toString())))
                .chain(outcome -> report(outcome.success() ? EventCatalog.SERVER_JOB_COMPLETED
                        : EventCatalog.SERVER_JOB_FAILED, command, outcome.success() ? 100 : 0, outcome.message(),
                        sequence.incrementAndGet()))
                .subscribe().with(ok -> Log.debugf("job %s (%s) of server %s reported", (Object) command.jobId(),
                        command.operation(), command.serverId()),
                        e -> Log.errorf(e, "job %d of server %d: report failed", command.jobId(), command.serverId()));
    }

    private Uni<Void> report(EventType<ServerJobReport> type, ServerCommand c, int progress, String message,
            long sequence) {
        ServerJobReport r = new ServerJobReport(c.serverId(), c.jobId(), c.operation(), progress, message, sequence,
                Instant.now());
        return pool.withTransaction(tx -> outbox.append(tx, type, ServerEvents.key(c.serverId()), r)).replaceWithVoid();
    }
}
