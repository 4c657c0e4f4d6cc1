package org.nefos.compute.messaging;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.nefos.events.Topics;
import org.nefos.platform.messaging.KafkaLoop;

/** Starts compute's two consumers (group = the module name): backend commands and backend reports. */
@Singleton
public class ComputeConsumers {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.application.name")
    String group;

    @Inject
    ServerCommandConsumer commands;

    @Inject
    ServerJobEventsConsumer reports;

    @Inject
    VolumeJobEventsConsumer volumeReports;

    private KafkaLoop commandLoop;
    private KafkaLoop volumeReportLoop;
    private KafkaLoop reportLoop;

    void start(@Observes StartupEvent event) {
        commandLoop = new KafkaLoop(bootstrap, group, List.of(Topics.COMPUTE_SERVER_COMMANDS), commands::handle)
                .start();
        reportLoop = new KafkaLoop(bootstrap, group, List.of(Topics.COMPUTE_SERVER_EVENTS), reports::handle).start();
        volumeReportLoop = new KafkaLoop(bootstrap, group, List.of(Topics.COMPUTE_VOLUME_EVENTS),
                volumeReports::handle).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (commandLoop != null) {
            commandLoop.close();
        }
        if (reportLoop != null) {
            reportLoop.close();
        }
        if (volumeReportLoop != null) {
            volumeReportLoop.close();
        }
    }
}
