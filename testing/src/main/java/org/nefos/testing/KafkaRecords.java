package org.nefos.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what services published, for tests: polls with a deadline, never sleeps for a fixed time. */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /** Records of {@code topic} whose key is {@code key}, read from the start until {@code done} holds or the deadline. */
    public static List<ConsumerRecord<String, byte[]>> read(String bootstrap, String topic, String key,
            Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration deadline) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long end = System.nanoTime() + deadline.toNanos();
            while (System.nanoTime() < end && !done.test(found)) {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }

    /** The CloudEvents type of a record ({@code ce_type}), or {@code ""}. */
    public static String type(ConsumerRecord<String, byte[]> r) {
        var h = r.headers().lastHeader("ce_type");
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
