package org.nefos.testing;

import java.util.List;
import java.util.Map;

/**
 * The real network-service, started from its packaged jar as a child process, for the tests of compute
 * (ports reserved at server create, floating IPs, {@code network.port.events}). It shares the test's
 * PostgreSQL (its own database), Kafka broker and identity-service.
 */
public final class NetworkServer extends ChildService {

    private NetworkServer(ServiceProcess.Started process) {
        super(process);
    }

    /** Starts network-service on a free port; it checks tokens and charges quota on {@code identityUrl}. */
    public static NetworkServer start(int pgPort, String database, String kafkaBootstrap, String identityUrl,
            String componentToken, String publicUrl) throws Exception {
        Map<String, String> env = ServiceProcess.environment(pgPort, database, kafkaBootstrap, publicUrl);
        env.put("NEFOS_IDENTITY_URL", identityUrl);
        env.put("NEFOS_COMPONENT_TOKEN", componentToken);
        return new NetworkServer(ServiceProcess.start("network-service", "nefos.network.jar", List.of(), env));
    }
}
