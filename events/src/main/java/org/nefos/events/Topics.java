package org.nefos.events;

/**
 * Kafka topics: {@code <domain>.<resource>.events} carry facts for anyone to consume,
 * {@code <domain>.<resource>.commands} carry work for a worker inside the same domain.
 * The Kafka key is always the resource id, so one resource's events stay in order.
 */
public final class Topics {

    public static final String IDENTITY_USER_EVENTS = "identity.user.events";
    public static final String IDENTITY_COMMISSION_EVENTS = "identity.commission.events";
    public static final String IDENTITY_PROJECT_EVENTS = "identity.project.events";

    public static final String COMPUTE_SERVER_EVENTS = "compute.server.events";
    public static final String COMPUTE_SERVER_COMMANDS = "compute.server.commands";
    public static final String COMPUTE_VOLUME_EVENTS = "compute.volume.events";
    public static final String COMPUTE_SNAPSHOT_EVENTS = "compute.snapshot.events";
    public static final String NETWORK_PORT_EVENTS = "network.port.events";
    public static final String STORAGE_OBJECT_EVENTS = "storage.object.events";
    public static final String IMAGE_IMAGE_EVENTS = "image.image.events";

    private Topics() {
    }

    /** The dead-letter topic of one consumer group for one topic. */
    public static String deadLetter(String topic, String group) {
        return topic + ".dlq." + group;
    }
}
