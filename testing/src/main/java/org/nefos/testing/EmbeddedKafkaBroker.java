package org.nefos.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker (KRaft, combined broker + controller, one node) running inside this JVM.
 * Used by the Quarkus test resource and by {@link DevStack}; no Docker, no ZooKeeper.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private final Path dir;
    private final boolean deleteOnClose;
    private final int port;
    private final KafkaRaftServer server;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(Path dir, boolean deleteOnClose, int port, KafkaRaftServer server) {
        this.dir = dir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.server = server;
    }

    /** Starts a throw-away broker in a temporary directory; {@code requestedPort} 0 picks a free port. */
    public static EmbeddedKafkaBroker start(int requestedPort) throws Exception {
        return start(requestedPort, Files.createTempDirectory("nefos-kraft-"), true);
    }

    /**
     * Starts a broker whose log directory is {@code dir}. When the directory was formatted by an earlier
     * run its data is kept, so a local stack survives restarts.
     */
    public static EmbeddedKafkaBroker start(int requestedPort, Path dir, boolean deleteOnClose) throws Exception {
        int port = requestedPort > 0 ? requestedPort : freePort();
        // a kept broker (local run) restarts with the same listeners; a throw-away one takes any free port
        int controllerPort = !deleteOnClose && requestedPort > 0 ? requestedPort + 1 : freePort();
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the default 128 MB dedupe buffer dominates the heap of a small broker
        p.put("log.cleaner.dedupe.buffer.size", "8388608");
        Path cfg = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(cfg)) {
            p.store(out, "written by org.nefos.testing.EmbeddedKafkaBroker");
        }
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            // format once; a kept log directory restarts with the cluster id it was formatted with
            int rc = kafka.tools.StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", cfg.toString(), "--ignore-formatted"}, new PrintStream(OutputStream.nullOutputStream()));
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed with exit code " + rc);
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
        server.startup();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + port))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
        return new EmbeddedKafkaBroker(dir, deleteOnClose, port, server);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
