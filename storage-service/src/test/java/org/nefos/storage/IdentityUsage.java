package org.nefos.storage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.nefos.testing.IdentityServer;
import org.nefos.testing.IdentityServer.TestUser;

/** What the real identity-service says about a user's {@code pithos.diskspace}. */
final class IdentityUsage {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private IdentityUsage() {
    }

    /** The user's quotas as identity reports them to the user ({@code GET /account/v1.0/quotas}). */
    static JsonNode quotas(IdentityServer identity, TestUser u) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(identity.url() + "/account/v1.0/quotas"))
                .header("X-Auth-Token", u.token()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("quotas: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Usage of {@code pithos.diskspace} summed over the user's projects (accepted commissions only). */
    static long diskspace(IdentityServer identity, TestUser u) throws Exception {
        long sum = 0;
        for (JsonNode project : quotas(identity, u)) {
            JsonNode d = project.get("pithos.diskspace");
            if (d != null) {
                sum += d.get("usage").asLong();
            }
        }
        return sum;
    }

    /** Sets the user's system-project limit of {@code pithos.diskspace} through the admin API. */
    static void setDiskspaceLimit(IdentityServer identity, TestUser u, long limit) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(identity.url() + "/identity/v2.0/users/"
                + u.uuid() + "/base_quotas")).header("X-Auth-Token", IdentityServer.ADMIN_TOKEN)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"base_quotas\": {\"pithos.diskspace\": " + limit + "}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("base_quotas: " + r.statusCode() + " " + r.body());
        }
    }
}
