package org.nefos.image.messaging;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nefos.events.Topics;
import org.nefos.platform.messaging.KafkaLoop;

/** Starts image's consumer (group = the module name) of storage's object events. */
@Singleton
public class ImageConsumers {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.application.name")
    String group;

    @Inject
    StorageObjectEventsConsumer objects;

    private KafkaLoop loop;

    void start(@Observes StartupEvent event) {
        loop = new KafkaLoop(bootstrap, group, List.of(Topics.STORAGE_OBJECT_EVENTS), objects::handle).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }
}
