package org.nefos.network;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.network.NetworkTestSupport.API;
import static org.nefos.network.NetworkTestSupport.as;
import static org.nefos.network.NetworkTestSupport.createNetwork;
import static org.nefos.network.NetworkTestSupport.limit;
import static org.nefos.network.NetworkTestSupport.newUser;
import static org.nefos.network.NetworkTestSupport.post;
import static org.nefos.network.NetworkTestSupport.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Quota effects (cyclades-api.md 7.3, 7.4): +1/−1 right after the calls return, 413 when exhausted. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class NetworkQuotaTest {

    private static final String NETWORKS = "cyclades.network.private";
    private static final String IPS = "cyclades.floating_ip";

    @Test
    void networksAreChargedUntilTheLimitThenOverLimit() {
        TestUser user = newUser();
        long max = limit(user, NETWORKS);
        assertTrue(max > 0 && max < 50, "a small test limit: " + max);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            ids.add(createNetwork(user));
            assertEquals(i + 1, usage(user, NETWORKS));
        }
        post(user, "/networks", Map.of("network", Map.of("type", "MAC_FILTERED"))).then().statusCode(413)
                .body("overLimit.code", equalTo(413))
                .body("overLimit.message", containsString(NETWORKS));
        assertEquals(max, usage(user, NETWORKS));
        as(user).delete(API + "/networks/" + ids.get(0)).then().statusCode(204);
        assertEquals(max - 1, usage(user, NETWORKS));
    }

    @Test
    void floatingIpsAreChargedUntilTheLimitAndReleasedSynchronously() {
        TestUser user = newUser();
        long max = limit(user, IPS);
        assertTrue(max > 0 && max < 50, "a small test limit: " + max);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            ids.add(post(user, "/floatingips", Map.of("floatingip", Map.of())).then().statusCode(200).extract()
                    .jsonPath().getString("floatingip.id"));
        }
        assertEquals(max, usage(user, IPS));
        post(user, "/floatingips", Map.of("floatingip", Map.of())).then().statusCode(413)
                .body("overLimit.code", equalTo(413));
        assertEquals(max, usage(user, IPS));
        for (String id : ids) {
            as(user).delete(API + "/floatingips/" + id).then().statusCode(204);
        }
        assertEquals(0, usage(user, IPS));
    }

    @Test
    void aFailedCreateChargesNothing() {
        TestUser user = newUser();
        post(user, "/floatingips", Map.of("floatingip", Map.of("floating_ip_address", "198.51.100.1")))
                .then().statusCode(400);
        post(user, "/networks", Map.of("network", Map.of("type", "PHYSICAL_VLAN"))).then().statusCode(403);
        assertEquals(0, usage(user, IPS));
        assertEquals(0, usage(user, NETWORKS));
    }
}
