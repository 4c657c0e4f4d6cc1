package org.nefos.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the event feed in {@code /q/health/ready} without ever failing it: the gateway's REST routes
 * work without Kafka, so a Kafka outage must not take the gateway out of rotation. {@code state} is
 * {@code off} (no Kafka configured), {@code starting} (partitions not yet assigned: events are not
 * streamed yet) or {@code reading}.
 */
@Readiness
@ApplicationScoped
public class EventFeedHealth implements HealthCheck {

    @Inject
    EventFeed feed;

    @Override
    public HealthCheckResponse call() {
        String state = !feed.enabled() ? "off" : feed.ready() ? "reading" : "starting";
        return HealthCheckResponse.named("event-stream").up().withData("state", state)
                .withData("clients", feed.ring().listeners()).build();
    }
}
