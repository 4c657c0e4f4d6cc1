package org.nefos.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real network-service, started from its packaged jar as a child process, for the tests of compute
 * (ports reserved at server create, floating IPs, {@code network.port.events}). It shares the test's
 * PostgreSQL (its own database), Kafka broker and identity-service.
 */
public final class NetworkServer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private NetworkServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts network-service on a free port; it checks tokens and charges quota on {@code identityUrl}. */
    public static NetworkServer start(int pgPort, String database, String kafkaBootstrap, String identityUrl,
            String componentToken, String publicUrl) throws Exception {
        Path jar = Path.of(System.getProperty("nefos.network.jar",
                "../network-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build network-service first"
                    + " (./mvnw verify builds the reactor in order)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-Dnefos.outbox.poll-interval=0.05s", "-jar", jar.toString());
        Path log = Files.createTempFile("network-service-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("NEFOS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("NEFOS_DB_HOST", "127.0.0.1");
        pb.environment().put("NEFOS_DB_PORT", Integer.toString(pgPort));
        pb.environment().put("NEFOS_DB_NAME", database);
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        pb.environment().put("NEFOS_IDENTITY_URL", identityUrl);
        pb.environment().put("NEFOS_COMPONENT_TOKEN", componentToken);
        pb.environment().put("NEFOS_PUBLIC_URL", publicUrl);
        NetworkServer server = new NetworkServer(pb.start(), port, log);
        server.awaitReady();
        return server;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The child's output, for failure messages. */
    public Path log() {
        return log;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("network-service exited; log: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        close();
        throw new IllegalStateException("network-service not ready within 120 s; log: " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
