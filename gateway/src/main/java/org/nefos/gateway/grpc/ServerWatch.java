package org.nefos.gateway.grpc;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.json.JsonObject;
import org.nefos.gateway.events.EventFeed;
import org.nefos.gateway.events.EventRing;
import org.nefos.gateway.events.StreamEvent;
import org.nefos.oaktree.v1.Server;
import org.nefos.oaktree.v1.ServerEvent;

/**
 * Follows one server through the gateway's own live event stream (the ring the SSE/WebSocket stream reads), in
 * process: no extra Kafka consumer. The listener is attached before the server is read, so no change between
 * the read and the first live event is lost (a change the CURRENT snapshot already shows may be reported once
 * more). Only events the caller may see (owner filter) reach it.
 */
@ApplicationScoped
public class ServerWatch {

    static final String SERVER_EVENTS = "org.nefos.compute.server.";

    private final EventFeed feed;
    private final Resources resources;

    @Inject
    public ServerWatch(EventFeed feed, Resources resources) {
        this.feed = feed;
        this.resources = resources;
    }

    Multi<ServerEvent> watch(Caller caller, String id) {
        if (!feed.enabled()) {
            return Multi.createFrom().failure(GrpcErrors.of(Status.UNAVAILABLE,
                    "The gateway's event feed is off (KAFKA_BOOTSTRAP_SERVERS unset): nothing to watch"));
        }
        return Multi.createFrom().emitter(em -> start(caller, id, em));
    }

    private void start(Caller caller, String id, MultiEmitter<? super ServerEvent> em) {
        EventRing ring = feed.ring();
        ConcurrentLinkedQueue<ServerEvent> pending = new ConcurrentLinkedQueue<>();
        AtomicBoolean live = new AtomicBoolean(false);
        Object lock = new Object();
        Runnable drain = () -> {
            synchronized (lock) {
                if (!live.get()) {
                    return;
                }
                ServerEvent e;
                while ((e = pending.poll()) != null && !em.isCancelled()) {
                    em.emit(e);
                    if (e.getKind() == ServerEvent.Kind.DELETED) {
                        em.complete();
                        return;
                    }
                }
            }
        };
        EventRing.Listener listener = new EventRing.Listener() {
            @Override
            public void start(EventRing.Replay replay) {
                // no replay: a watch starts from the server's current state
            }

            @Override
            public void offer(StreamEvent event) {
                if (!event.type().startsWith(SERVER_EVENTS) || !event.visibleTo(caller.principal().id())) {
                    return;
                }
                ServerEvent change = change(event, id);
                if (change != null) {
                    pending.add(change);
                    // emit off the ring's lock (and off the feed's thread)
                    io.smallrye.mutiny.infrastructure.Infrastructure.getDefaultExecutor().execute(drain);
                }
            }
        };
        ring.attach(listener, null);
        em.onTermination(() -> ring.detach(listener));
        resources.server(caller, id).subscribe().with(server -> {
            synchronized (lock) {
                em.emit(ServerEvent.newBuilder().setKind(ServerEvent.Kind.CURRENT).setServerId(server.getId())
                        .setNewStatus(server.getStatus()).setServer(server).build());
                if (server.getStatus() == Server.Status.DELETED) {
                    em.complete();
                    return;
                }
                live.set(true);
            }
            drain.run();
        }, failure -> em.fail(GrpcErrors.map(failure)));
    }

    /** The change an event reports for server {@code id}, or null when it is about another or reports none. */
    static ServerEvent change(StreamEvent event, String id) {
        JsonObject message = new JsonObject(event.message());
        JsonObject data = message.getJsonObject("data");
        if (data == null || data.getValue("serverId") == null || !id.equals(String.valueOf(data.getValue("serverId")))) {
            return null;
        }
        boolean deleted = event.type().startsWith(SERVER_EVENTS + "deleted.");
        String newStatus = data.getString("newStatus");
        if (newStatus == null && !deleted) {
            return null; // progress reports and job results carry no status change
        }
        ServerEvent.Builder b = ServerEvent.newBuilder().setServerId(id).setType(event.type())
                .setKind(deleted || "DELETED".equals(newStatus) ? ServerEvent.Kind.DELETED : ServerEvent.Kind.CHANGED)
                .setOldStatus(Mapping.serverStatus(data.getString("oldStatus")))
                .setNewStatus(deleted && newStatus == null ? Server.Status.DELETED : Mapping.serverStatus(newStatus));
        String time = message.getString("time");
        if (time != null) {
            try {
                Instant t = Instant.parse(time);
                b.setTime(Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()));
            } catch (DateTimeParseException e) {
                // no time then
            }
        }
        return b.build();
    }
}
