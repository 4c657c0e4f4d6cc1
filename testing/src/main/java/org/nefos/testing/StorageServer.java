package org.nefos.testing;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * The real storage-service (Pithos), started from its packaged jar as a child process, for the tests of
 * services that work on Pithos objects (image-service). It checks tokens against the test identity and
 * publishes {@code storage.object.events} on the test broker; its blocks go to a temporary directory.
 */
public final class StorageServer extends ChildService {

    private StorageServer(ServiceProcess.Started process) {
        super(process);
    }

    /** Starts storage-service on a free port against database {@code database} of {@code pgPort}. */
    public static StorageServer start(int pgPort, String database, String kafkaBootstrap, String identityUrl,
            String publicUrl) throws Exception {
        Map<String, String> env = ServiceProcess.environment(pgPort, database, kafkaBootstrap, publicUrl);
        env.put("NEFOS_IDENTITY_URL", identityUrl);
        env.put("NEFOS_COMPONENT_TOKEN", IdentityServer.COMPONENT_TOKENS.get("pithos"));
        env.put("NEFOS_BLOCK_DIR", Files.createTempDirectory("storage-service-blocks-").toString());
        return new StorageServer(ServiceProcess.start("storage-service", "nefos.storage.jar", List.of(), env));
    }
}
