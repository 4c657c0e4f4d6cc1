package org.nefos.platform.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nefos.events.EventJson;
import org.nefos.events.EventType;
import org.nefos.platform.logging.RequestIds;

/**
 * Writes events into {@code outbox_event} on the caller's connection, so the event commits or rolls
 * back with the state change it describes. Business code never talks to Kafka.
 */
@ApplicationScoped
@IfBuildProperty(name = "nefos.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class Outbox {

    private static final ObjectMapper JSON = EventJson.mapper();

    private final String source;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String application) {
        this.source = "/nefos/" + application;
    }

    /** Appends one event; {@code key} is the resource id (Kafka key and CloudEvents subject). */
    public <T> Uni<UUID> append(SqlConnection tx, EventType<T> type, String key, T payload) {
        UUID id = UUID.randomUUID();
        String data;
        try {
            data = JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("payload of " + type.type(), e));
        }
        return tx.preparedQuery("""
                INSERT INTO outbox_event (id, topic, message_key, type, source, subject, occurred_at, payload, request_id)
                VALUES ($1, $2, $3, $4, $5, $6, $7, ($8::text)::json, $9)""")
                .execute(Tuple.from(new Object[] {id, type.topic(), key, type.type(), source, key,
                        Instant.now().atOffset(ZoneOffset.UTC), data, RequestIds.current()}))
                // delivered by PostgreSQL at commit only (and once per transaction): wakes the relay
                .chain(() -> tx.query("NOTIFY " + OutboxRelay.CHANNEL).execute())
                .replaceWith(id);
    }
}
