package org.nefos.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real identity-service, started from its packaged jar as a child process, for the tests of the
 * services that depend on it (token checks, commissions). Other services' tests get Astakos itself,
 * not an imitation of it.
 */
public final class IdentityServer extends ChildService {

    public static final String ADMIN_TOKEN = "test-admin-token";
    public static final Map<String, String> COMPONENT_TOKENS = Map.of(
            "astakos", "test-astakos-token", "cyclades", "test-cyclades-token", "pithos", "test-pithos-token");

    private IdentityServer(ServiceProcess.Started process) {
        super(process);
    }

    /** Starts identity-service on a free port against database {@code database} of {@code pgPort}. */
    public static IdentityServer start(int pgPort, String database, String kafkaBootstrap, String publicUrl)
            throws Exception {
        List<String> options = new ArrayList<>(List.of("-Dnefos.identity.admin-token=" + ADMIN_TOKEN));
        COMPONENT_TOKENS.forEach((name, token) -> options.add("-Dnefos.identity.component-tokens." + name + "=" + token));
        return new IdentityServer(ServiceProcess.start("identity-service", "nefos.identity.jar", options,
                ServiceProcess.environment(pgPort, database, kafkaBootstrap, publicUrl)));
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
}
