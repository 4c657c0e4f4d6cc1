package org.nefos.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consumer side of exactly-once effects: call {@link #claim} in the transaction that applies an
 * event, and apply it only when the answer is true. Redeliveries (same event id) and stale events
 * (a {@code sequence} not newer than the one already applied for that resource) are refused.
 */
@ApplicationScoped
@IfBuildProperty(name = "nefos.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class ProcessedEvents {

    /** True exactly once per (group, event id) and only while {@code sequence} moves forward for the resource. */
    public Uni<Boolean> claim(SqlConnection tx, String group, String eventId, String resourceKey, long sequence) {
        return firstDelivery(tx, group, eventId)
                .chain(first -> first ? newerSequence(tx, group, resourceKey, sequence) : Uni.createFrom().item(false));
    }

    public Uni<Boolean> firstDelivery(SqlConnection tx, String group, String eventId) {
        return tx.preparedQuery("""
                INSERT INTO processed_event (consumer_group, event_id) VALUES ($1, $2)
                ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(group, eventId))
                .map(rs -> rs.rowCount() == 1);
    }

    public Uni<Boolean> newerSequence(SqlConnection tx, String group, String resourceKey, long sequence) {
        return tx.preparedQuery("""
                INSERT INTO consumed_sequence (consumer_group, resource_key, last_sequence) VALUES ($1, $2, $3)
                ON CONFLICT (consumer_group, resource_key) DO UPDATE SET last_sequence = EXCLUDED.last_sequence
                WHERE consumed_sequence.last_sequence < EXCLUDED.last_sequence""")
                .execute(Tuple.of(group, resourceKey, sequence))
                .map(rs -> rs.rowCount() == 1);
    }
}
