package org.nefos.image.cloudkeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.nefos.testing.ServiceStackResource;

/**
 * The gRPC port with mutual TLS, configured the way a site does (Quarkus' {@code quarkus.grpc.server.ssl.*}):
 * the server's own key pair, and a trust store holding the certificate of the core, whose client certificate
 * is then REQUIRED. A second, untrusted client key pair stands for anyone else. Made with keytool (PKCS12).
 */
public class MutualTlsResource implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "changeit";

    static volatile Path serverKeys;
    static volatile Path coreKeys;
    static volatile Path strangerKeys;
    /** Trusted by the core: the server's certificate. */
    static volatile Path coreTrust;
    static volatile int grpcPort;

    private Path dir;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("cloudkeeper-mtls");
            serverKeys = keyPair("server", "CN=127.0.0.1", "san=ip:127.0.0.1");
            coreKeys = keyPair("core", "CN=cloudkeeper-core", null);
            strangerKeys = keyPair("stranger", "CN=someone-else", null);
            Path serverTrust = trustStore("server-trust", coreKeys, "core");
            coreTrust = trustStore("core-trust", serverKeys, "server");
            try (ServerSocket s = new ServerSocket(0)) {
                grpcPort = s.getLocalPort();
            }
            return Map.of("quarkus.grpc.server.ssl.key-store", serverKeys.toString(),
                    "quarkus.grpc.server.ssl.key-store-password", PASSWORD,
                    "quarkus.grpc.server.ssl.trust-store", serverTrust.toString(),
                    "quarkus.grpc.server.ssl.trust-store-password", PASSWORD,
                    "quarkus.grpc.server.ssl.client-auth", "REQUIRED",
                    "nefos.image.cloudkeeper.service-token", ServiceStackResource.identity().createUser().token(),
                    "nefos.test.cloudkeeper-grpc-port", Integer.toString(grpcPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not make the TLS material", e);
        }
    }

    private Path keyPair(String alias, String dname, String san) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "2", "-dname", dname, "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(args);
        return store;
    }

    /** A PKCS12 trust store with the certificate of {@code keys}. */
    private Path trustStore(String name, Path keys, String alias) throws Exception {
        Path cert = dir.resolve(alias + ".pem");
        keytool(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", keys.toString(), "-storepass", PASSWORD,
                "-file", cert.toString()));
        Path store = dir.resolve(name + ".p12");
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-keystore",
                store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        return store;
    }

    private static void keytool(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    @Override
    public void stop() {
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory; nothing else depends on it
            }
        }
    }
}
