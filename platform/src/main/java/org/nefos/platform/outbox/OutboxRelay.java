package org.nefos.platform.outbox;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nefos.platform.config.OutboxConfig;
import org.nefos.platform.events.CloudEvent;

/**
 * Publishes outbox rows to Kafka in commit order and marks them published.
 *
 * <p>When: every transaction that appends an event also sends {@code NOTIFY nefos_outbox}, which
 * PostgreSQL delivers at commit; the relay LISTENs and publishes at once. A periodic round
 * ({@code nefos.outbox.poll-interval}) catches anything a lost listen connection missed.
 *
 * <p>Safe with several replicas: a transaction-scoped advisory lock lets exactly one replica publish at a
 * time (which also keeps the per-key order); the others skip the round. A crash after the Kafka send but
 * before the mark publishes the row again, so delivery is at-least-once and consumers deduplicate by
 * event id.
 */
@ApplicationScoped
@IfBuildProperty(name = "nefos.outbox.enabled", stringValue = "true", enableIfMissing = true)
public class OutboxRelay {

    static final String CHANNEL = "nefos_outbox";
    /** Any constant shared by all replicas of one service database. */
    static final long LOCK_KEY = 0x6e65666f73L; // "nefos"

    @Inject
    Pool pool;

    @Inject
    OutboxConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
    String bootstrapServers;

    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nefos-outbox-relay");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean nudged = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile SqlConnection listening;
    private volatile Producer<String, byte[]> producer;

    void start(@Observes StartupEvent event) {
        long every = parse(config.pollInterval()).toMillis();
        worker.scheduleWithFixedDelay(this::relay, 0, Math.max(10, every), TimeUnit.MILLISECONDS);
        listen();
    }

    /** Asks for a round soon; many nudges while one is queued make one round. */
    void nudge() {
        if (!stopped && nudged.compareAndSet(false, true)) {
            worker.execute(() -> {
                nudged.set(false);
                relay();
            });
        }
    }

    void relay() {
        try {
            int published;
            int rounds = 0;
            do {
                published = publishBatch();
                rounds++;
            } while (published == config.batchSize() && rounds < 50 && !stopped);
        } catch (RuntimeException e) {
            if (!stopped) {
                Log.warnf("outbox relay round failed, will retry: %s", e.toString());
            }
        }
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgePublished() {
        OffsetDateTime before = OffsetDateTime.now().minus(config.retention());
        pool.preparedQuery("DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < $1")
                .execute(Tuple.of(before))
                .await().atMost(config.publishTimeout());
    }

    /** One transaction: lock, read a batch, send it, wait for every acknowledgement, mark the rows. */
    int publishBatch() {
        return pool.withTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ") AS locked")
                .execute()
                .chain(lock -> {
                    if (!lock.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom().item(0);
                    }
                    return tx.preparedQuery("""
                            SELECT position, id, topic, message_key, type, source, subject, occurred_at, payload::text AS payload,
                                   request_id
                            FROM outbox_event WHERE published_at IS NULL ORDER BY position LIMIT $1""")
                            .execute(Tuple.of(config.batchSize()))
                            .chain(rows -> {
                                List<Row> batch = new ArrayList<>();
                                rows.forEach(batch::add);
                                if (batch.isEmpty()) {
                                    return Uni.createFrom().item(0);
                                }
                                return Uni.createFrom().item(() -> send(batch))
                                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                                        .chain(positions -> markPublished(tx, positions))
                                        .replaceWith(batch.size());
                            });
                }))
                .await().atMost(config.publishTimeout());
    }

    /** Holds one connection that LISTENs for commits with events; re-established when it drops. */
    private void listen() {
        if (stopped) {
            return;
        }
        pool.getConnection()
                .call(conn -> {
                    PgConnection pg = PgConnection.cast(conn);
                    pg.notificationHandler(n -> nudge());
                    pg.closeHandler(() -> {
                        listening = null;
                        if (!stopped) {
                            worker.schedule(this::listen, 1, TimeUnit.SECONDS);
                        }
                    });
                    return conn.query("LISTEN " + CHANNEL).execute();
                })
                .subscribe().with(conn -> listening = conn, failure -> {
                    if (!stopped) {
                        Log.debugf("outbox relay cannot listen yet (%s); polling meanwhile", failure.toString());
                        worker.schedule(this::listen, 1, TimeUnit.SECONDS);
                    }
                });
    }

    private List<Long> send(List<Row> batch) {
        Producer<String, byte[]> p = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        List<Long> positions = new ArrayList<>(batch.size());
        for (Row row : batch) {
            CloudEvent event = new CloudEvent(row.getUUID("id").toString(), row.getString("source"),
                    row.getString("type"), row.getString("subject"),
                    row.getOffsetDateTime("occurred_at").toInstant(), row.getString("payload"),
                    row.getString("request_id"));
            acks.add(p.send(event.toRecord(row.getString("topic"), row.getString("message_key"))));
            positions.add(row.getLong("position"));
        }
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        }
        return positions;
    }

    private Uni<Void> markPublished(SqlConnection tx, List<Long> positions) {
        return tx.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE position = ANY($1)")
                .execute(Tuple.of(positions.toArray(new Long[0])))
                .replaceWithVoid();
    }

    private Producer<String, byte[]> producer() {
        Producer<String, byte[]> p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.LINGER_MS_CONFIG, 1,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000,
                            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                            new StringSerializer(), new ByteArraySerializer());
                }
                p = producer;
            }
        }
        return p;
    }

    /** {@code 0.1s}, {@code 250ms}, {@code 2s} or an ISO-8601 duration. */
    static Duration parse(String value) {
        String v = value.trim().toLowerCase();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s") && !v.startsWith("p")) {
            return Duration.ofNanos((long) (Double.parseDouble(v.substring(0, v.length() - 1)) * 1e9));
        }
        return Duration.parse(value);
    }

    @PreDestroy
    void close() {
        stopped = true;
        worker.shutdownNow();
        SqlConnection conn = listening;
        if (conn != null) {
            conn.closeAndForget();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
