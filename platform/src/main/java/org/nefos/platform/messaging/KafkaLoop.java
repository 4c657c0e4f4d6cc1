package org.nefos.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.nefos.events.Topics;
import org.nefos.platform.events.CloudEvent;
import org.nefos.platform.logging.RequestIds;

/**
 * One consumer of a consumer group on its own thread: polls, hands every record to the handler and waits
 * for its effect, retries a failing record a few times and then parks it on {@code <topic>.dlq.<group>};
 * commits offsets after each batch. At-least-once: handlers are idempotent.
 */
public final class KafkaLoop implements AutoCloseable {

    private static final int ATTEMPTS = 3;
    private static final Duration HANDLER_TIMEOUT = Duration.ofSeconds(30);

    private final String group;
    private final List<String> topics;
    private final Function<ConsumerRecord<String, byte[]>, Uni<?>> handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final KafkaProducer<String, byte[]> deadLetters;
    private final Thread thread;
    /** The Vert.x context the handlers' duplicated contexts derive from (one event loop per consumer). */
    private final Context handlerContext;
    private volatile boolean running = true;

    public KafkaLoop(String bootstrap, String group, List<String> topics,
            Function<ConsumerRecord<String, byte[]>, Uni<?>> handler) {
        this.group = group;
        this.topics = topics;
        this.handler = handler;
        ensureTopics(bootstrap, topics);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        this.consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        this.deadLetters = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, group + "-" + String.join("+", topics));
        this.thread.setDaemon(true);
        this.handlerContext = Arc.container().instance(Vertx.class).get().getOrCreateContext();
    }

    /**
     * The handler's work on a fresh duplicated Vert.x context (as Quarkus runs a request) that holds the id of
     * the request that caused the record, if any: its log lines, and the events it writes to the outbox in
     * continuations on other threads, carry that id.
     */
    private Uni<?> handled(ConsumerRecord<String, byte[]> record) {
        String requestId = CloudEvent.requestId(record);
        Context context = VertxContext.createNewDuplicatedContext(handlerContext);
        return Uni.createFrom().emitter(result -> context.runOnContext(v -> {
            if (requestId != null) {
                RequestIds.enter(RequestIds.accepted(requestId));
            }
            Uni<?> work;
            try {
                work = handler.apply(record);
            } catch (RuntimeException e) {
                result.fail(e);
                return;
            }
            work.subscribe().with(result::complete, result::fail);
        }));
    }

    public KafkaLoop start() {
        thread.start();
        return this;
    }

    private void run() {
        consumer.subscribe(topics);
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, byte[]> record : records) {
                    process(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } catch (RuntimeException e) {
            Log.errorf(e, "consumer %s stopped", group);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void process(ConsumerRecord<String, byte[]> record) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                handled(record).await().atMost(HANDLER_TIMEOUT);
                return;
            } catch (RuntimeException e) {
                last = e;
                Log.warnf("%s: record %s@%d failed (attempt %d): %s", group, record.topic(), record.offset(), attempt,
                        e.toString());
            }
        }
        String dlq = Topics.deadLetter(record.topic(), group);
        ProducerRecord<String, byte[]> parked = new ProducerRecord<>(dlq, null, record.key(), record.value(),
                record.headers());
        parked.headers().add("nefos_error", String.valueOf(last).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            deadLetters.send(parked).get();
        } catch (Exception e) {
            Log.errorf(e, "%s: could not park record on %s", group, dlq);
        }
    }

    /** Creates the topics that do not exist yet (broker defaults); a failure is logged, not thrown. */
    public static void ensureTopics(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var existing = admin.listTopics().names().get();
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, java.util.Optional.empty(), java.util.Optional.empty())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (Exception e) {
            Log.warnf("could not create topics %s (the broker may create them): %s", topics, e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close(Duration.ofSeconds(5));
    }
}
