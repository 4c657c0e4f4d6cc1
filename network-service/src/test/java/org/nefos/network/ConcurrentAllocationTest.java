package org.nefos.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nefos.network.NetworkTestSupport.API;
import static org.nefos.network.NetworkTestSupport.createNetwork;
import static org.nefos.network.NetworkTestSupport.createSubnet;
import static org.nefos.network.NetworkTestSupport.newUser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Parallel requests never get one address twice; the pool running out is a 409, never a 500. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentAllocationTest {

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    private List<HttpResponse<String>> parallel(TestUser user, String path, String body, int n) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(API + path))
                    .header("X-Auth-Token", user.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            calls.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void parallelPortCreatesGetDistinctAddressesUntilThePoolIsEmpty() {
        TestUser user = newUser();
        String net = createNetwork(user);
        createSubnet(user, net, "10.0.1.0/28");
        List<HttpResponse<String>> answers = parallel(user, "/ports",
                "{\"port\": {\"network_id\": \"" + net + "\"}}", 18);
        Set<String> addresses = new HashSet<>();
        int created = 0;
        int conflicts = 0;
        for (HttpResponse<String> r : answers) {
            if (r.statusCode() == 201) {
                created++;
                addresses.add(new JsonObject(r.body()).getJsonObject("port").getJsonArray("fixed_ips")
                        .getJsonObject(0).getString("ip_address"));
            } else {
                assertEquals(409, r.statusCode(), r.body());
                assertEquals(409, new JsonObject(r.body()).getJsonObject("conflict").getInteger("code"));
                conflicts++;
            }
        }
        assertEquals(14, created, "a /28 without gateway has 14 addresses");
        assertEquals(4, conflicts);
        assertEquals(14, addresses.size(), "no address handed out twice: " + addresses);
    }

    @Test
    void parallelFloatingIpCreatesByManyUsersGetDistinctAddresses() {
        List<CompletableFuture<List<HttpResponse<String>>>> users = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            TestUser user = newUser();
            users.add(CompletableFuture.supplyAsync(() -> parallel(user, "/floatingips", "{\"floatingip\": {}}", 3)));
        }
        Set<String> addresses = new HashSet<>();
        int created = 0;
        for (var f : users) {
            for (HttpResponse<String> r : f.join()) {
                assertEquals(200, r.statusCode(), r.body());
                created++;
                addresses.add(new JsonObject(r.body()).getJsonObject("floatingip").getString("floating_ip_address"));
            }
        }
        assertEquals(12, created);
        assertEquals(12, addresses.size(), "no floating IP handed out twice: " + addresses);
    }
}
