package org.nefos.gateway.events;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.nefos.events.Topics;
import org.nefos.gateway.config.GatewayConfig;
import org.nefos.platform.events.CloudEvent;
import org.nefos.platform.messaging.KafkaLoop;

/**
 * Reads every state-change topic from the moment this gateway starts, into the {@link EventRing}.
 * Each replica reads all partitions itself (assigned, no consumer group, no committed offsets), so
 * every replica can serve every client. Partitions are looked up again periodically, so topics created
 * later (a service that starts after the gateway) are read from their beginning.
 *
 * <p>Without {@code KAFKA_BOOTSTRAP_SERVERS} ({@code nefos.gateway.events.bootstrap-servers}) the feed is off and the
 * stream answers 503.
 */
@ApplicationScoped
public class EventFeed {

    /** The topics whose events are streamed; commands and identity's internal facts are not. */
    static final List<String> TOPICS = List.of(Topics.COMPUTE_SERVER_EVENTS, Topics.COMPUTE_VOLUME_EVENTS,
            Topics.COMPUTE_SNAPSHOT_EVENTS, Topics.NETWORK_PORT_EVENTS, Topics.STORAGE_OBJECT_EVENTS,
            Topics.IMAGE_IMAGE_EVENTS);

    private final Optional<String> bootstrap;
    private final Duration refresh;
    private final EventRing ring;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    @Inject
    public EventFeed(GatewayConfig config) {
        this.bootstrap = config.events().bootstrapServers().filter(s -> !s.isBlank());
        this.refresh = config.events().partitionRefresh();
        byte[] boot = new byte[4];
        new SecureRandom().nextBytes(boot);
        this.ring = new EventRing(HexFormat.of().formatHex(boot), config.events().replaySize());
    }

    void start(@Observes StartupEvent startup) {
        if (bootstrap.isEmpty()) {
            Log.warn("KAFKA_BOOTSTRAP_SERVERS is not set: the live event stream (/events/v1/stream) is off");
            return;
        }
        running = true;
        thread = new Thread(this::run, "gateway-event-feed");
        thread.setDaemon(true);
        thread.start();
    }

    public boolean enabled() {
        return bootstrap.isPresent();
    }

    /** True once every partition of the event topics is assigned and positioned: later events are streamed. */
    public boolean ready() {
        return ready;
    }

    public EventRing ring() {
        return ring;
    }

    private void run() {
        KafkaLoop.ensureTopics(bootstrap.get(), TOPICS);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap.get());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-events-" + ring.boot());
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        Set<TopicPartition> assigned = new HashSet<>();
        long nextRefresh = 0;
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            while (running) {
                try {
                    if (System.nanoTime() - nextRefresh >= 0) {
                        refresh(c, assigned);
                        nextRefresh = System.nanoTime() + refresh.toNanos();
                    }
                    if (assigned.isEmpty()) {
                        waitBriefly();
                        continue;
                    }
                    for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                        publish(record);
                    }
                } catch (WakeupException stopping) {
                    break;
                } catch (org.apache.kafka.common.KafkaException | IllegalStateException e) {
                    if (!running) {
                        break;
                    }
                    Log.warnf("event feed: %s; retrying", e.toString());
                    nextRefresh = System.nanoTime();
                    waitBriefly();
                }
            }
        } finally {
            consumer = null;
            ready = false;
        }
    }

    /** Assigns partitions that appeared since the last look: at the start from the end, later from the start. */
    private void refresh(KafkaConsumer<String, byte[]> c, Set<TopicPartition> assigned) {
        Set<TopicPartition> found = new HashSet<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> partitions = c.partitionsFor(topic, Duration.ofSeconds(5));
            if (partitions != null) {
                partitions.forEach(pi -> found.add(new TopicPartition(pi.topic(), pi.partition())));
            }
        }
        Set<TopicPartition> added = new HashSet<>(found);
        added.removeAll(assigned);
        if (added.isEmpty()) {
            return;
        }
        Set<TopicPartition> all = new HashSet<>(assigned);
        all.addAll(added);
        c.assign(all);
        if (assigned.isEmpty()) {
            c.seekToEnd(added);
        } else {
            c.seekToBeginning(added);
        }
        added.forEach(tp -> c.position(tp, Duration.ofSeconds(10))); // resolve now: what comes later is seen
        assigned.addAll(added);
        if (!ready) {
            Log.infof("event feed reading %d partitions of %s", assigned.size(), TOPICS);
        }
        ready = true;
    }

    private void publish(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = CloudEvent.fromRecord(record);
        } catch (IllegalArgumentException e) {
            Log.debugf("event feed: skipping %s@%d: %s", record.topic(), record.offset(), e.getMessage());
            return;
        }
        ring.append(seq -> {
            StreamEvent made = EventMessages.toStreamEvent(seq, ring.streamId(seq), event);
            // an unreadable payload still takes its place, reaching nobody, so sequence numbers stay dense
            return made != null ? made : new StreamEvent(seq, ring.streamId(seq), event.type(), null, Set.of(), "{}");
        });
    }

    private void waitBriefly() {
        try {
            Thread.sleep(500); // retry pacing of the consumer thread, not a wait for an event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
