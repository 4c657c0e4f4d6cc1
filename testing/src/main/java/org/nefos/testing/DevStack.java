package org.nefos.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The infrastructure of the local run: one PostgreSQL (persistent data directory, one database per
 * service) and one Kafka broker (persistent log directory), in this JVM. Prints {@code DEVSTACK READY}
 * when both answer and stops both on SIGTERM/SIGINT.
 *
 * <pre>java -cp ... org.nefos.testing.DevStack &lt;work-dir&gt; &lt;database&gt;...</pre>
 * System properties {@code pg.port} (15432) and {@code kafka.port} (9092) choose the ports.
 */
public final class DevStack {

    private DevStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DevStack <work-dir> <database>...");
            System.exit(2);
        }
        Path work = Path.of(args[0]).toAbsolutePath();
        List<String> databases = Arrays.asList(args).subList(1, args.length);
        Files.createDirectories(work);
        long t0 = System.nanoTime();

        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(Integer.getInteger("pg.port", 15432))
                .setDataDirectory(work.resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "300")
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            for (String db : databases) {
                createDatabaseIfMissing(c, db);
            }
        }
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(Integer.getInteger("kafka.port", 9092),
                work.resolve("kafka"), false);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } finally {
                try {
                    pg.close();
                } catch (Exception e) {
                    System.err.println("postgres stop failed: " + e);
                }
                stopped.countDown();
            }
        }, "devstack-stop"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("DEVSTACK READY postgres=127.0.0.1:%d kafka=%s databases=%s in %d ms%n",
                pg.getPort(), kafka.bootstrapServers(), databases, ms);
        System.out.flush();
        stopped.await();
    }

    private static void createDatabaseIfMissing(Connection c, String db) throws Exception {
        if (!db.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name: " + db);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
        }
    }
}
