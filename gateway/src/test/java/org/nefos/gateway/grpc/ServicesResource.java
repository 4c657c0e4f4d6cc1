package org.nefos.gateway.grpc;

import java.util.HashMap;
import java.util.Map;

import org.nefos.testing.ServiceStackResource;

/**
 * The real services the gRPC API maps to, started from their jars on a real PostgreSQL and Kafka: identity,
 * compute (0.3 s builds), network, and image with its storage-service and seeded public image; the gateway's
 * upstreams and its event feed point at them.
 */
public class ServicesResource extends ServiceStackResource {

    @Override
    public void init(Map<String, String> initArgs) {
        Map<String, String> args = new HashMap<>(initArgs);
        args.put("compute", "true");
        super.init(args);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("nefos.gateway.identity-url", identity().url());
        config.put("nefos.gateway.compute-url", compute().url());
        config.put("nefos.gateway.network-url", network().url());
        config.put("nefos.gateway.storage-url", image().storageUrl());
        config.put("nefos.gateway.image-url", image().url());
        config.put("nefos.gateway.events.bootstrap-servers", config.get("kafka.bootstrap.servers"));
        return config;
    }
}
