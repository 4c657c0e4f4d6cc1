package org.nefos.testing;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real identity-service, started from its packaged jar as a child process, for the tests of the
 * services that depend on it (token checks, commissions). Other services' tests get Astakos itself,
 * not an imitation of it.
 */
public final class IdentityServer implements AutoCloseable {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final Map<String, String> COMPONENT_TOKENS = Map.of(
            "astakos", "test-astakos-token", "cyclades", "test-cyclades-token", "pithos", "test-pithos-token");

    private final Process process;
    private final int port;

    private IdentityServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts identity-service on a free port against database {@code database} of {@code pgPort}. */
    public static IdentityServer start(int pgPort, String database, String kafkaBootstrap, String publicUrl)
            throws Exception {
        Path jar = jar();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
                "-Dnefos.identity.admin-token=" + ADMIN_TOKEN,
                "-Dnefos.outbox.poll-interval=0.05s"));
        COMPONENT_TOKENS.forEach((name, token) -> command.add("-Dnefos.identity.component-tokens." + name + "=" + token));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Files.createTempFile("identity-service-", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("NEFOS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("NEFOS_DB_HOST", "127.0.0.1");
        pb.environment().put("NEFOS_DB_PORT", Integer.toString(pgPort));
        pb.environment().put("NEFOS_DB_NAME", database);
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
        pb.environment().put("NEFOS_PUBLIC_URL", publicUrl);
        IdentityServer server = new IdentityServer(pb.start(), port);
        ServiceProcess.awaitReady("identity-service", server.process, server.url(), log);
        return server;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("nefos.identity.jar",
                "../identity-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build identity-service first"
                    + " (./mvnw verify builds the reactor in order)");
        }
        return jar;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Creates a user through the admin API; returns its uuid and token. */
    public TestUser createUser() throws Exception {
        String email = "user-" + UUID.randomUUID() + "@example.org";
        String body = "{\"user\": {\"username\": \"" + email + "\", \"first_name\": \"Test\", \"last_name\": \"User\"}}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url()
                + "/identity/v2.0/users")).header("X-Auth-Token", ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("user creation failed: " + r.statusCode() + " " + r.body());
        }
        String uuid = field(r.body(), "id");
        String token = field(r.body(), "auth_token");
        return new TestUser(uuid, token, email);
    }

    /** A user of the identity service under test. */
    public record TestUser(String uuid, String token, String email) {
    }

    private static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\"");
        int start = json.indexOf('"', json.indexOf(':', i) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    @Override
    public void close() {
        ServiceProcess.stop(process);
    }
}
