package org.nefos.network.messaging;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nefos.events.Topics;
import org.nefos.platform.messaging.KafkaLoop;

/** Starts network's consumer (group = the module name) of compute's server events. */
@Singleton
public class NetworkConsumers {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.application.name")
    String group;

    @Inject
    ComputeServerEventsConsumer servers;

    private KafkaLoop loop;

    void start(@Observes StartupEvent event) {
        loop = new KafkaLoop(bootstrap, group, List.of(Topics.COMPUTE_SERVER_EVENTS), servers::handle).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }
}
