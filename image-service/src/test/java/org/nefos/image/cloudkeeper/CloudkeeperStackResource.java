package org.nefos.image.cloudkeeper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import org.nefos.testing.IdentityServer;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * What a site running the Cloudkeeper core provides, around the real identity- and storage-service of
 * {@link ServiceStackResource} (started first, see {@link #order()}): a service user enrolled in two
 * projects with disk quota, the VO → project mapping file (one VO under the old {@code tenant} key, one
 * under {@code project}), the shared directory LOCAL images are prepared in, and an HTTPS server with a
 * self-signed certificate standing in for the core's NGINX (basic auth per file, as the core sets up for
 * REMOTE mode). The certificate is trusted through {@code nefos.image.cloudkeeper.remote-ca-file}.
 */
public class CloudkeeperStackResource implements QuarkusTestResourceLifecycleManager {

    static final String VO_DTEAM = "dteam";
    static final String VO_OPS = "ops";
    /** Mapped to the ops project by its name rather than its uuid. */
    static final String VO_OPS_BY_NAME = "ops-by-name";
    /** Mapped to a project name the service user has no project of. */
    static final String VO_UNKNOWN_PROJECT = "unknown-project";
    static final long PROJECT_DISK = 1L << 30;

    static volatile TestUser serviceUser;
    static volatile String dteamProject;
    static volatile String opsProject;
    static volatile String opsProjectName;
    static volatile Path localDir;
    static volatile int grpcPort;
    static volatile int httpsPort;

    /** file name → (bytes, user:password) served by the HTTPS server. */
    private static final Map<String, Served> SERVED = new ConcurrentHashMap<>();

    record Served(byte[] bytes, String credentials) {
    }

    private Vertx vertx;
    private Path dir;

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Map<String, String> start() {
        try {
            IdentityServer identity = ServiceStackResource.identity();
            serviceUser = identity.createUser();
            TestUser owner = identity.createUser();
            dteamProject = project(identity, owner, serviceUser,
                    "ck" + UUID.randomUUID().toString().substring(0, 8) + ".example.org");
            opsProjectName = "ck" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
            opsProject = project(identity, owner, serviceUser, opsProjectName);
            dir = Files.createTempDirectory("cloudkeeper-test");
            localDir = Files.createDirectories(dir.resolve("images"));
            Path mapping = dir.resolve("mapping.json");
            Files.writeString(mapping, new JsonObject()
                    .put(VO_DTEAM, new JsonObject().put("tenant", dteamProject).put("voms", new JsonObject()))
                    .put(VO_OPS, new JsonObject().put("project", opsProject))
                    .put(VO_OPS_BY_NAME, new JsonObject().put("project", opsProjectName))
                    .put(VO_UNKNOWN_PROJECT, new JsonObject().put("project", "no-such-project.example.org"))
                    .encodePrettily());
            Path keystore = dir.resolve("nginx.p12");
            Path cert = dir.resolve("nginx.pem");
            keytool("-genkeypair", "-alias", "nginx", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-keystore", keystore.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
            keytool("-exportcert", "-rfc", "-alias", "nginx", "-keystore", keystore.toString(), "-storepass",
                    "changeit", "-file", cert.toString());
            vertx = Vertx.vertx();
            httpsPort = startHttps(keystore);
            try (ServerSocket s = new ServerSocket(0)) {
                grpcPort = s.getLocalPort();
            }
            return Map.of("nefos.image.cloudkeeper.service-token", serviceUser.token(),
                    "nefos.image.cloudkeeper.mapping-file", mapping.toString(),
                    "nefos.image.cloudkeeper.local-dir", localDir.toString(),
                    "nefos.image.cloudkeeper.remote-ca-file", cert.toString(),
                    "nefos.image.cloudkeeper.mapping-reload-interval", "0.2s",
                    "nefos.test.cloudkeeper-grpc-port", Integer.toString(grpcPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare the Cloudkeeper site", e);
        }
    }

    /** Serves {@code bytes} at {@code https://127.0.0.1:<port>/<name>} with basic auth; answers the URL. */
    static String serve(String name, byte[] bytes, String user, String password) {
        SERVED.put(name, new Served(bytes, user + ":" + password));
        return "https://127.0.0.1:" + httpsPort + "/" + name;
    }

    private int startHttps(Path keystore) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("changeit")));
        server.requestHandler(req -> {
            Served served = SERVED.get(req.path().substring(1));
            String auth = req.getHeader("Authorization");
            if (served == null) {
                req.response().setStatusCode(404).end();
            } else if (auth == null || !auth.equals("Basic " + Base64.getEncoder().encodeToString(
                    served.credentials().getBytes(StandardCharsets.UTF_8)))) {
                req.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"cloudkeeper\"").end();
            } else {
                req.response().putHeader("Content-Type", "application/octet-stream")
                        .end(io.vertx.core.buffer.Buffer.buffer(served.bytes()));
            }
        });
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .actualPort();
    }

    /** An active project owned by {@code owner} with disk space, with {@code member} enrolled; answers its id. */
    private static String project(IdentityServer identity, TestUser owner, TestUser member, String name) throws Exception {
        JsonObject spec = new JsonObject().put("name", name)
                .put("owner", owner.uuid()).put("end_date", OffsetDateTime.now().plusDays(30).toString())
                .put("resources", new JsonObject().put("pithos.diskspace", new JsonObject()
                        .put("project_capacity", PROJECT_DISK).put("member_capacity", PROJECT_DISK)));
        JsonObject created = post(identity.url() + "/identity/v2.0/projects", IdentityServer.ADMIN_TOKEN,
                new JsonObject().put("project", spec), 201);
        String id = created.getString("id");
        post(identity.url() + "/account/v1.0/projects/memberships", owner.token(), new JsonObject().put("enroll",
                new JsonObject().put("project", id).put("user", member.email())), 200);
        return id;
    }

    private static JsonObject post(String url, String token, JsonObject body, int expected) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + " " + r.body());
        }
        return new JsonObject(r.body());
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory; nothing else depends on it
            }
        }
    }
}
