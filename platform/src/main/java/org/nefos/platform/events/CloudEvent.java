package org.nefos.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A CloudEvents 1.0 event in Kafka binary mode: the attributes travel as {@code ce_*} headers, the JSON
 * payload as the record value, the resource id as the record key. {@code requestId} (extension attribute
 * {@code requestid}, may be null) is the id of the request that caused the event.
 */
public record CloudEvent(String id, String source, String type, String subject, Instant time, String data,
        String requestId) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /** The Kafka header of the {@code requestid} extension attribute. */
    public static final String REQUEST_ID_HEADER = "ce_requestid";

    /** An event no request caused. */
    public CloudEvent(String id, String source, String type, String subject, Instant time, String data) {
        this(id, source, type, subject, time, data, null);
    }

    public ProducerRecord<String, byte[]> toRecord(String topic, String key) {
        List<Header> headers = new ArrayList<>();
        headers.add(header("ce_specversion", SPEC_VERSION));
        headers.add(header("ce_id", id));
        headers.add(header("ce_source", source));
        headers.add(header("ce_type", type));
        headers.add(header("ce_time", time.toString()));
        if (subject != null) {
            headers.add(header("ce_subject", subject));
        }
        if (requestId != null) {
            headers.add(header(REQUEST_ID_HEADER, requestId));
        }
        headers.add(header("content-type", CONTENT_TYPE));
        return new ProducerRecord<>(topic, null, key, data.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Reads a binary-mode record; fails with {@link IllegalArgumentException} when it is not a CloudEvent. */
    public static CloudEvent fromRecord(ConsumerRecord<String, byte[]> record) {
        Headers h = record.headers();
        String version = text(h, "ce_specversion");
        if (!SPEC_VERSION.equals(version)) {
            throw new IllegalArgumentException("not a CloudEvents 1.0 record (ce_specversion=" + version + ")");
        }
        String time = text(h, "ce_time");
        return new CloudEvent(required(h, "ce_id"), required(h, "ce_source"), required(h, "ce_type"),
                text(h, "ce_subject"), time == null ? null : Instant.parse(time),
                record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                requestId(record));
    }

    /** The id of the request that caused the record's event, or {@code null}. */
    public static String requestId(ConsumerRecord<String, byte[]> record) {
        return text(record.headers(), REQUEST_ID_HEADER);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null) {
            throw new IllegalArgumentException("CloudEvent without " + name);
        }
        return value;
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
