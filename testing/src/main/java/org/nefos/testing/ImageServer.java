package org.nefos.testing;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.nefos.testing.IdentityServer.TestUser;

/**
 * The real image-service (Plankton) with the storage-service it keeps its images on, both started from their
 * packaged jars, for the tests of compute (its image view and image checks at server and volume create). At
 * start a system user uploads and registers a public "Debian Base" image ({@link PublicImageSeed}).
 */
public final class ImageServer implements AutoCloseable {

    private final StorageServer storage;
    private final Process process;
    private final int port;
    private PublicImageSeed.Seeded publicImage;
    private TestUser systemUser;

    private ImageServer(StorageServer storage, Process process, int port) {
        this.storage = storage;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts storage-service (database {@code storageDatabase}) and image-service (database {@code imageDatabase})
     * on free ports, both checking tokens on {@code identity}, then seeds the public image.
     */
    public static ImageServer start(int pgPort, String storageDatabase, String imageDatabase, String kafkaBootstrap,
            IdentityServer identity, String publicUrl) throws Exception {
        Path jar = Path.of(System.getProperty("nefos.image.jar", "../image-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: build image-service first"
                    + " (./mvnw verify builds the reactor in order)");
        }
        StorageServer storage = StorageServer.start(pgPort, storageDatabase, kafkaBootstrap, identity.url(), publicUrl);
        ImageServer server = null;
        try {
            int port = freePort();
            // the Cloudkeeper gRPC server has its own port (50051 in production): a free one, so that parallel
            // test runs on one machine do not collide
            int grpcPort = freePort();
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx192m", "-Dnefos.outbox.poll-interval=0.05s", "-jar", jar.toString());
            Path log = Files.createTempFile("image-service-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("NEFOS_HTTP_PORT", Integer.toString(port));
            pb.environment().put("NEFOS_DB_HOST", "127.0.0.1");
            pb.environment().put("NEFOS_DB_PORT", Integer.toString(pgPort));
            pb.environment().put("NEFOS_DB_NAME", imageDatabase);
            pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap);
            pb.environment().put("NEFOS_IDENTITY_URL", identity.url());
            // Plankton is part of Synnefo's cyclades component
            pb.environment().put("NEFOS_COMPONENT_TOKEN", IdentityServer.COMPONENT_TOKENS.get("cyclades"));
            pb.environment().put("NEFOS_STORAGE_URL", storage.url());
            pb.environment().put("NEFOS_PUBLIC_URL", publicUrl);
            pb.environment().put("NEFOS_CLOUDKEEPER_GRPC_PORT", Integer.toString(grpcPort));
            server = new ImageServer(storage, pb.start(), port);
            ServiceProcess.awaitReady("image-service", server.process, server.url(), log);
            server.systemUser = identity.createUser();
            server.publicImage = PublicImageSeed.seed(storage.url(), server.url(), server.systemUser.uuid(),
                    server.systemUser.token());
            return server;
        } catch (Exception | Error e) {
            if (server != null) {
                server.close();
            } else {
                storage.close();
            }
            throw e;
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The storage-service holding the image objects. */
    public String storageUrl() {
        return storage.url();
    }

    /** The id of the public "Debian Base" image seeded at start. */
    public String publicImageId() {
        return publicImage.imageId();
    }

    /** The system user owning the public image. */
    public TestUser systemUser() {
        return systemUser;
    }

    @Override
    public void close() {
        ServiceProcess.stop(process);
        storage.close();
    }
}
