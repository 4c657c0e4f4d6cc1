package org.nefos.testing;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real storage-service (Pithos), started from its packaged jar as a child process, for the tests of
 * services that work on Pithos objects (image-service). It checks tokens against the test identity and
 * publishes {@code storage.object.events} on the test broker; its blocks go to a temporary directory.
 */
public final class StorageServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private StorageServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts storage-service on a free port against database {@code database} of {@code pgPort}. */
    public static StorageServer start(int pgPort, String database, String kafkaBootstrap, String identityUrl,
            String publicUrl) throws Exception {
        Path jar = Path.of(System.getProperty("nefos.storage.jar",
                "../storage-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build storage-service first"
                    + " (./mvnw verify builds the reactor in order)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path blocks = Files.createTempDirectory("storage-service-blocks-");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-Dnefos.outbox.poll-interval=0.05s", "-jar", jar.toString());
        Path log = Files.createTempFile("storage-service-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("NEFOS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("NEFOS_DB_HOST", "127.0.0.1");
        pb.environment().put("NEFOS_DB_PORT", Integer.toString(pgPort));
        pb.environment().put("NEFOS_DB_NAME", database);
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        pb.environment().put("NEFOS_IDENTITY_URL", identityUrl);
        pb.environment().put("NEFOS_COMPONENT_TOKEN", IdentityServer.COMPONENT_TOKENS.get("pithos"));
        pb.environment().put("NEFOS_BLOCK_DIR", blocks.toString());
        pb.environment().put("NEFOS_PUBLIC_URL", publicUrl);
        StorageServer server = new StorageServer(pb.start(), port);
        ServiceProcess.awaitReady("storage-service", server.process, server.url(), log);
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        ServiceProcess.stop(process);
    }
}
