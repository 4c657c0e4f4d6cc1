package org.nefos.network;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nefos.network.NetworkTestSupport.API;
import static org.nefos.network.NetworkTestSupport.as;
import static org.nefos.network.NetworkTestSupport.newUser;
import static org.nefos.network.NetworkTestSupport.post;
import static org.nefos.network.NetworkTestSupport.publicPool;
import static org.nefos.network.NetworkTestSupport.usage;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * A public network with only an IPv6 subnet (cyclades-api.md 2.3): floating IPs are IPv4, so nothing can be
 * connected to it. Ports and floating IPs on it answer 403 {@code forbidden}, charge nothing and leave nothing.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class PublicIpv6OnlyNetworkTest {

    @Inject
    Pool pool;

    /** Public networks are an administrator's: there is no API to make one, so the test adds it as a deployment would. */
    private String ipv6OnlyPublicPool() {
        long id = pool.preparedQuery("""
                INSERT INTO network (name, type, status, public, floating_ip_pool, created_at, updated_at)
                VALUES ($1, 'IP_LESS_ROUTED', 'ACTIVE', TRUE, TRUE, now(), now()) RETURNING id""")
                .execute(Tuple.of("public-v6-" + UUID.randomUUID())).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong("id");
        pool.preparedQuery("""
                INSERT INTO subnet (network_id, name, ip_version, cidr, gateway_ip, enable_dhcp, created_at, updated_at)
                VALUES ($1, 'public-v6', 6, '2001:db8:600::/64', NULL, TRUE, now(), now())""")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10));
        return String.valueOf(id);
    }

    private static void forbidden(Response r, String network) {
        r.then().statusCode(403).body("forbidden.code", equalTo(403))
                .body("forbidden.message", equalTo("Cannot connect to IPv6 only public network " + network));
    }

    @Test
    void portsAndFloatingIpsOnAPublicIpv6OnlyNetworkAreForbidden() {
        TestUser user = newUser();
        String v6 = ipv6OnlyPublicPool();
        as(user).get(API + "/networks/" + v6).then().statusCode(200).body("network.public", equalTo(true))
                .body("network.subnets.size()", equalTo(1));

        forbidden(post(user, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", v6))), v6);
        assertEquals(0L, usage(user, "cyclades.floating_ip"));

        // without a fixed IP, and with one of the user's floating IPs (of the IPv4 pool): both refused the same way
        forbidden(post(user, "/ports", Map.of("port", Map.of("network_id", v6))), v6);
        String address = post(user, "/floatingips", Map.of("floatingip", Map.of())).then().statusCode(200)
                .body("floatingip.floating_network_id", equalTo(publicPool(user))).extract().jsonPath()
                .getString("floatingip.floating_ip_address");
        forbidden(post(user, "/ports", Map.of("port", Map.of("network_id", v6, "device_id", "4242",
                "fixed_ips", List.of(Map.of("ip_address", address))))), v6);
        as(user).get(API + "/ports").then().statusCode(200).body("ports", equalTo(List.of()));
        as(user).get(API + "/floatingips").then().statusCode(200).body("floatingips.size()", equalTo(1))
                .body("floatingips[0].port_id", equalTo(null));
        assertEquals(1L, usage(user, "cyclades.floating_ip"));
    }
}
