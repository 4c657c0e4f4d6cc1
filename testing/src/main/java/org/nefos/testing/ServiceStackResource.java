package org.nefos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Everything a Nefos service other than identity needs in its {@code @QuarkusTest}s: a real PostgreSQL
 * (its own database), a real Kafka broker, and the real identity-service jar for token checks and
 * commissions. Use with {@code scope = GLOBAL}; the service's own component token is configured from
 * the init arg {@code component} (default {@code cyclades}).
 *
 * <p>Tests reach identity through {@link #identity()} (create users, read the admin token).
 */
public class ServiceStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile IdentityServer identity;
    private static volatile NetworkServer network;
    private static volatile StorageServer storage;
    private static volatile ImageServer image;
    private static volatile ComputeServer compute;

    private EmbeddedPostgres pg;
    private EmbeddedKafkaBroker kafka;
    private String component = "cyclades";
    private boolean withStorage;
    private boolean withNetwork = Boolean.getBoolean("nefos.test.network-service");
    private boolean withImage = Boolean.getBoolean("nefos.test.image-service");
    private boolean withCompute;

    /**
     * Init args: {@code component} (the token the service under test presents), and which real services to start
     * beside identity: {@code storage}, {@code network} and {@code image} (default: the system properties
     * {@code nefos.test.network-service} and {@code nefos.test.image-service}), {@code compute} (needs network and
     * image; for the gateway's tests).
     */
    @Override
    public void init(Map<String, String> initArgs) {
        component = initArgs.getOrDefault("component", component);
        withStorage = Boolean.parseBoolean(initArgs.getOrDefault("storage", "false"));
        withCompute = Boolean.parseBoolean(initArgs.getOrDefault("compute", "false"));
        withNetwork = withCompute || Boolean.parseBoolean(initArgs.getOrDefault("network", Boolean.toString(withNetwork)));
        withImage = withCompute || Boolean.parseBoolean(initArgs.getOrDefault("image", Boolean.toString(withImage)));
    }

    /** The compute-service of the running test JVM (init arg {@code compute=true}). */
    public static ComputeServer compute() {
        if (compute == null) {
            throw new IllegalStateException("ServiceStackResource has not started compute-service (init arg compute)");
        }
        return compute;
    }

    /** The storage-service of the running test JVM (init arg {@code storage=true}). */
    public static StorageServer storage() {
        if (storage == null) {
            throw new IllegalStateException("ServiceStackResource has not started storage-service (init arg storage)");
        }
        return storage;
    }

    /** The identity-service of the running test JVM. */
    public static IdentityServer identity() {
        if (identity == null) {
            throw new IllegalStateException("ServiceStackResource has not started");
        }
        return identity;
    }

    /** The network-service of the running test JVM (init arg {@code network}, or {@code -Dnefos.test.network-service=true}). */
    public static NetworkServer network() {
        if (network == null) {
            throw new IllegalStateException("ServiceStackResource runs without network-service");
        }
        return network;
    }

    /**
     * The image-service (with its own storage-service and a seeded public image) of the running test JVM (init arg
     * {@code image}, or {@code -Dnefos.test.image-service=true}).
     */
    public static ImageServer image() {
        if (image == null) {
            throw new IllegalStateException("ServiceStackResource runs without image-service");
        }
        return image;
    }

    @Override
    public Map<String, String> start() {
        try {
            pg = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("max_connections", "200")
                    .start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE identity_service");
                st.execute("CREATE DATABASE service_under_test");
                st.execute("CREATE DATABASE network_service");
                if (withStorage) {
                    st.execute("CREATE DATABASE storage_service");
                }
                if (withImage) {
                    st.execute("CREATE DATABASE image_storage_service");
                    st.execute("CREATE DATABASE image_service");
                }
                if (withCompute) {
                    st.execute("CREATE DATABASE compute_service");
                }
            }
            kafka = EmbeddedKafkaBroker.start(0);
            identity = IdentityServer.start(pg.getPort(), "identity_service", kafka.bootstrapServers(),
                    "http://127.0.0.1:8080");
            // compute's tests reserve ports and floating IPs on the real network-service
            if (withNetwork) {
                network = NetworkServer.start(pg.getPort(), "network_service", kafka.bootstrapServers(),
                        identity.url(), IdentityServer.COMPONENT_TOKENS.get("cyclades"), "http://127.0.0.1:8080");
            }
            // compute's image view and image checks read the real image-service
            if (withImage) {
                image = ImageServer.start(pg.getPort(), "image_storage_service", "image_service",
                        kafka.bootstrapServers(), identity, "http://127.0.0.1:8080");
            }
            if (withCompute) {
                compute = ComputeServer.start(pg.getPort(), "compute_service", kafka.bootstrapServers(), identity,
                        network, image, "0.3s", "http://127.0.0.1:8080");
            }
            if (withStorage) {
                storage = StorageServer.start(pg.getPort(), "storage_service", kafka.bootstrapServers(), identity.url(),
                        "http://127.0.0.1:8080");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the service test stack", e);
        }
        String db = "127.0.0.1:" + pg.getPort() + "/service_under_test";
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://" + db);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + db);
        config.put("quarkus.datasource.username", "postgres");
        config.put("quarkus.datasource.password", "postgres");
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("nefos.auth.identity-url", identity.url());
        config.put("nefos.auth.component-token", IdentityServer.COMPONENT_TOKENS.get(component));
        if (network != null) {
            config.put("nefos.compute.network-url", network.url());
        }
        if (storage != null) {
            config.put("nefos.test.storage-url", storage.url());
        }
        if (image != null) {
            config.put("nefos.compute.image-url", image.url());
        }
        if (compute != null) {
            config.put("nefos.test.compute-url", compute.url());
        }
        return config;
    }

    @Override
    public void stop() {
        if (compute != null) {
            compute.close();
            compute = null;
        }
        if (network != null) {
            network.close();
            network = null;
        }
        if (storage != null) {
            storage.close();
            storage = null;
        }
        if (image != null) {
            image.close();
            image = null;
        }
        if (identity != null) {
            identity.close();
            identity = null;
        }
        if (kafka != null) {
            kafka.close();
        }
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
