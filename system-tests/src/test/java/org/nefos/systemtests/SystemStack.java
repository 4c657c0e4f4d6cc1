package org.nefos.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nefos.testing.EmbeddedKafkaBroker;
import org.nefos.testing.PublicImageSeed;

/**
 * The whole system for end-to-end tests: a real PostgreSQL and Kafka in this JVM, every service and the
 * gateway started from its packaged jar as a child process, configured only through the environment
 * and system properties as in production. One stack per test JVM, stopped when the JVM's tests end.
 */
public final class SystemStack implements ExtensionContext.Store.CloseableResource {

    public static final String DEMO_UUID = "11111111-2222-4333-8444-555555555555";
    /** The system user owning the public images (as in run-local.sh). */
    public static final String SYSTEM_UUID = "00000000-0000-4000-8000-00000000c0de";
    private final String systemToken = "system-" + UUID.randomUUID();
    public final String demoToken = "demo-" + UUID.randomUUID();
    public final String adminToken = "admin-" + UUID.randomUUID();
    public final String cycladesToken = "cyclades-" + UUID.randomUUID();
    public final String pithosToken = "pithos-" + UUID.randomUUID();

    private final EmbeddedPostgres pg;
    private final EmbeddedKafkaBroker kafka;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final String publicImageId;

    private SystemStack() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            for (String service : SERVICES) {
                st.execute("CREATE DATABASE " + service.replace('-', '_'));
            }
        }
        kafka = EmbeddedKafkaBroker.start(0);
        try {
            for (String service : SERVICES) {
                ports.put(service, freePort());
            }
            ports.put("gateway", freePort());
            String gateway = "http://127.0.0.1:" + ports.get("gateway");
            blocks = Files.createTempDirectory("nefos-blocks-");

            launch("identity-service", serviceEnv("identity-service", null), List.of(
                    "-Dnefos.identity.admin-token=" + adminToken,
                    "-Dnefos.identity.seed.enabled=true",
                    "-Dnefos.identity.seed.uuid=" + DEMO_UUID,
                    "-Dnefos.identity.seed.token=" + demoToken,
                    "-Dnefos.identity.component-tokens.cyclades=" + cycladesToken,
                    "-Dnefos.identity.component-tokens.pithos=" + pithosToken));
            launch("compute-service", serviceEnv("compute-service", cycladesToken), List.of());
            launch("network-service", serviceEnv("network-service", cycladesToken), List.of());
            Map<String, String> storage = serviceEnv("storage-service", pithosToken);
            storage.put("NEFOS_BLOCK_DIR", blocks.toString());
            launch("storage-service", storage, List.of());
            // Plankton is part of Synnefo's cyclades component
            Map<String, String> image = serviceEnv("image-service", cycladesToken);
            // Cloudkeeper's gRPC port (50051 in production): a free one, as for every port of the stack
            image.put("NEFOS_CLOUDKEEPER_GRPC_PORT", Integer.toString(freePort()));
            launch("image-service", image, List.of());

            Map<String, String> genv = common();
            genv.put("NEFOS_HTTP_PORT", ports.get("gateway").toString());
            genv.put("NEFOS_GATEWAY_PUBLIC_URL", gateway);
            genv.put("NEFOS_GATEWAY_IDENTITY_URL", serviceUrl("identity-service"));
            genv.put("NEFOS_GATEWAY_COMPUTE_URL", serviceUrl("compute-service"));
            genv.put("NEFOS_GATEWAY_NETWORK_URL", serviceUrl("network-service"));
            genv.put("NEFOS_GATEWAY_STORAGE_URL", serviceUrl("storage-service"));
            genv.put("NEFOS_GATEWAY_IMAGE_URL", serviceUrl("image-service"));
            launch("gateway", genv, List.of());

            // servers are created from an image: the public one of the local run, a real file in Pithos
            PublicImageSeed.createSystemUser(serviceUrl("identity-service"), adminToken, SYSTEM_UUID, systemToken);
            publicImageId = PublicImageSeed.seed(serviceUrl("storage-service"), serviceUrl("image-service"), SYSTEM_UUID,
                    systemToken).imageId();
        } catch (Exception | Error e) {
            // nothing outlives a stack that did not come up (the children would keep their ports and memory)
            stopProcesses();
            kafka.close();
            pg.close();
            throw e;
        }
    }

    /** The public "Debian Base" image seeded at start (owned by {@link #SYSTEM_UUID}). */
    public String publicImageId() {
        return publicImageId;
    }

    /**
     * The JVM options a process is started with: storage-service and the gateway stream objects of any size
     * and must do so in a small heap (issue 7: 2 GiB objects at {@code -Xmx128m}), the others get 256 MiB.
     */
    static List<String> jvmOptions(String service) {
        return List.of(service.equals("storage-service") || service.equals("gateway") ? "-Xmx128m" : "-Xmx256m");
    }

    /** The services of the system, in start order (the gateway comes last). */
    static final List<String> SERVICES = List.of("identity-service", "compute-service", "network-service",
            "storage-service", "image-service");

    private Path blocks;

    private Map<String, String> serviceEnv(String service, String componentToken) {
        Map<String, String> env = common();
        env.put("NEFOS_HTTP_PORT", ports.get(service).toString());
        env.put("NEFOS_DB_NAME", service.replace('-', '_'));
        env.put("NEFOS_PUBLIC_URL", gatewayUrl());
        env.put("NEFOS_IDENTITY_URL", serviceUrl("identity-service"));
        env.put("NEFOS_NETWORK_URL", serviceUrl("network-service"));
        env.put("NEFOS_STORAGE_URL", serviceUrl("storage-service"));
        env.put("NEFOS_IMAGE_URL", serviceUrl("image-service"));
        if (componentToken != null) {
            env.put("NEFOS_COMPONENT_TOKEN", componentToken);
        }
        return env;
    }

    /** The stack of this test JVM, started on first use. */
    public static SystemStack get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SystemStack.class, k -> {
                    try {
                        return new SystemStack();
                    } catch (Exception e) {
                        throw new IllegalStateException("could not start the system under test", e);
                    }
                }, SystemStack.class);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + ports.get("gateway");
    }

    public String serviceUrl(String service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    private Map<String, String> common() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("NEFOS_DB_HOST", "127.0.0.1");
        env.put("NEFOS_DB_PORT", Integer.toString(pg.getPort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("NEFOS_AUTH_IDENTITY_URL", "http://127.0.0.1:" + ports.get("identity-service"));
        return env;
    }

    private void launch(String service, Map<String, String> env, List<String> properties) throws Exception {
        Path root = Path.of(System.getProperty("nefos.root", ".."));
        Path jar = root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests with ./mvnw verify");
        }
        Path logs = Path.of(System.getProperty("nefos.logs", "target/system-logs"));
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(service));
        command.addAll(properties);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(service + ".log").toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        processes.add(process);
        awaitReady(service, process, "http://127.0.0.1:" + env.get("NEFOS_HTTP_PORT") + "/q/health/ready");
    }

    private static void awaitReady(String service, Process process, String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with " + process.exitValue() + "; see its log");
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new IllegalStateException(service + " was not ready within 120 s");
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void stopProcesses() throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws Exception {
        stopProcesses();
        kafka.close();
        pg.close();
        try (var walk = Files.walk(blocks)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}
