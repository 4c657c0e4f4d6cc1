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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Nefos service jar running as a child process of the tests: launching it on a free port with its output in a
 * temporary log, readiness polling and stopping.
 */
final class ServiceProcess {

    private ServiceProcess() {
    }

    /** A started service; {@code log} holds its output, for failure messages. */
    record Started(Process process, int port, Path log) {

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /**
     * The environment every service gets: its database {@code database} of the test PostgreSQL, the test broker
     * and the public base URL links are built from. Callers add their own variables.
     */
    static Map<String, String> environment(int pgPort, String database, String kafkaBootstrap, String publicUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("NEFOS_DB_HOST", "127.0.0.1");
        env.put("NEFOS_DB_PORT", Integer.toString(pgPort));
        env.put("NEFOS_DB_NAME", database);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        env.put("NEFOS_PUBLIC_URL", publicUrl);
        return env;
    }

    /**
     * Starts {@code <module>/target/quarkus-app/quarkus-run.jar} (or the jar named by system property
     * {@code jarProperty}) with a small heap, a quick outbox relay and {@code jvmOptions}, on a free port, and
     * waits until it is ready.
     */
    static Started start(String module, String jarProperty, List<String> jvmOptions, Map<String, String> env)
            throws Exception {
        Path jar = Path.of(System.getProperty(jarProperty, "../" + module + "/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build " + module + " first"
                    + " (./mvnw verify builds the reactor in order)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx192m", "-Dnefos.outbox.poll-interval=0.05s"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        Path log = Files.createTempFile(module + "-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("NEFOS_HTTP_PORT", Integer.toString(port));
        Started started = new Started(pb.start(), port, log);
        awaitReady(module, started.process(), started.url(), log);
        return started;
    }

    /** Polls {@code <url>/q/health/ready} for up to 120 s; fails with the log when the process exits. */
    static void awaitReady(String name, Process process, String url, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; log: " + Files.readString(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(200, TimeUnit.MILLISECONDS);
        }
        stop(process);
        throw new IllegalStateException(name + " not ready within 120 s; log: " + log);
    }

    /** SIGTERM, then a forced kill after 20 s. */
    static void stop(Process process) {
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
