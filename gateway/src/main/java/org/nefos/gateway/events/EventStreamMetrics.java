package org.nefos.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The event stream's meters (Prometheus names at {@code /q/metrics}):
 * {@code nefos_gateway_event_stream_clients} (connected SSE and WebSocket clients),
 * {@code nefos_gateway_event_stream_events_total} (events read from Kafka into the ring) and
 * {@code nefos_gateway_event_stream_dropped_clients_total} (clients disconnected for falling behind).
 */
@ApplicationScoped
public class EventStreamMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    EventFeed feed;

    @Inject
    EventStreams streams;

    void register(@Observes StartupEvent startup) {
        EventRing ring = feed.ring();
        Gauge.builder("nefos.gateway.event.stream.clients", ring, EventRing::listeners)
                .description("Connected event stream clients (SSE and WebSocket)").register(registry);
        FunctionCounter.builder("nefos.gateway.event.stream.events", ring, EventRing::appended)
                .description("State-change events read from Kafka").register(registry);
        FunctionCounter.builder("nefos.gateway.event.stream.dropped.clients", streams, EventStreams::droppedClients)
                .description("Clients disconnected because they fell too far behind").register(registry);
    }
}
