package org.nefos.testing;

import java.util.List;
import java.util.Map;

/**
 * The real compute-service, started from its packaged jar as a child process, for the gateway's tests of the
 * front ends that translate to Cyclades (gRPC): servers built by its backend in {@code buildDuration}, their
 * state changes published on {@code compute.server.events}. It shares the test's PostgreSQL (its own database),
 * Kafka broker, identity-service, network-service and image-service.
 */
public final class ComputeServer extends ChildService {

    private ComputeServer(ServiceProcess.Started process) {
        super(process);
    }

    /** Starts compute-service on a free port; servers take {@code buildDuration} (e.g. {@code 0.3s}) to build. */
    public static ComputeServer start(int pgPort, String database, String kafkaBootstrap, IdentityServer identity,
            NetworkServer network, ImageServer image, String buildDuration, String publicUrl) throws Exception {
        Map<String, String> env = ServiceProcess.environment(pgPort, database, kafkaBootstrap, publicUrl);
        env.put("NEFOS_IDENTITY_URL", identity.url());
        env.put("NEFOS_COMPONENT_TOKEN", IdentityServer.COMPONENT_TOKENS.get("cyclades"));
        env.put("NEFOS_NETWORK_URL", network.url());
        env.put("NEFOS_IMAGE_URL", image.url());
        return new ComputeServer(ServiceProcess.start("compute-service", "nefos.compute.jar",
                List.of("-Dnefos.compute.backend.build-duration=" + buildDuration), env));
    }
}
