package org.nefos.gateway.events;

import java.util.HashMap;
import java.util.Map;

import org.nefos.testing.ServiceStackResource;

/** PostgreSQL, Kafka and the real identity-service, with the gateway's event feed pointed at that Kafka. */
public class EventStackResource extends ServiceStackResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("nefos.gateway.events.bootstrap-servers", config.get("kafka.bootstrap.servers"));
        return config;
    }
}
