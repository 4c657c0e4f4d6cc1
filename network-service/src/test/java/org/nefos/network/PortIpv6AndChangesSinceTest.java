package org.nefos.network;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.network.NetworkTestSupport.API;
import static org.nefos.network.NetworkTestSupport.as;
import static org.nefos.network.NetworkTestSupport.await;
import static org.nefos.network.NetworkTestSupport.createNetwork;
import static org.nefos.network.NetworkTestSupport.createSubnet;
import static org.nefos.network.NetworkTestSupport.newUser;
import static org.nefos.network.NetworkTestSupport.post;
import static org.nefos.network.NetworkTestSupport.publish;
import static org.nefos.network.NetworkTestSupport.records;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.Topics;
import org.nefos.events.compute.ServerCreateStarted;
import org.nefos.events.compute.ServerStatusChanged;
import org.nefos.events.network.PortChanged;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * IPv6 addresses of ports (derived from the MAC, EUI-64, inside the network's /64, once the port is ACTIVE) and
 * {@code changes-since} on the network and subnet lists (cyclades-api.md 1.6, 6.4, 10).
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class PortIpv6AndChangesSinceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /** The expected EUI-64 address in 2001:db8:77::/64 (RFC 5952: a lone zero group stays "0"). */
    private static String expectedIpv6(String mac) {
        String[] o = mac.split(":");
        int[] m = new int[6];
        for (int i = 0; i < 6; i++) {
            m[i] = Integer.parseInt(o[i], 16);
        }
        int g4 = ((m[0] ^ 0x02) << 8) | m[1];
        int g5 = (m[2] << 8) | 0xff;
        int g6 = 0xfe00 | m[3];
        int g7 = (m[4] << 8) | m[5];
        return String.format("2001:db8:77:0:%x:%x:%x:%x", g4, g5, g6, g7);
    }

    @Test
    void activePortsGetAnEui64Ipv6AddressOnNetworksWithAnIpv6Subnet() throws Exception {
        TestUser user = newUser();
        String network = createNetwork(user);
        String v4 = createSubnet(user, network, "10.0.9.0/28");
        String v6 = post(user, "/subnets", Map.of("subnet", Map.of("network_id", network, "cidr", "2001:db8:77::/64",
                "ip_version", 6))).then().statusCode(201).extract().jsonPath().getString("subnet.id");
        long server = ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
        String port = post(user, "/ports", Map.of("port", Map.of("network_id", network, "device_id",
                String.valueOf(server)))).then().statusCode(201).body("port.status", equalTo("BUILD"))
                .body("port.mac_address", equalTo(null)).body("port.fixed_ips.size()", equalTo(1))
                .extract().jsonPath().getString("port.id");
        String unattached = post(user, "/ports", Map.of("port", Map.of("network_id", network))).then()
                .statusCode(201).extract().jsonPath().getString("port.id");

        publish(bootstrap, EventCatalog.SERVER_CREATE_STARTED, server, new ServerCreateStarted(server, user.uuid(),
                user.uuid(), "snf-test", 1, "img", 1, null, "BUILD", 1, Instant.now()));
        publish(bootstrap, EventCatalog.SERVER_CREATE_COMPLETED, server, new ServerStatusChanged(server, user.uuid(),
                user.uuid(), "create", "BUILD", "ACTIVE", null, 2, Instant.now()));
        JsonPath active = await(() -> as(user).get(API + "/ports/" + port).then().extract().jsonPath(),
                p -> "ACTIVE".equals(p.getString("port.status")), "port " + port + " to be ACTIVE");
        String mac = active.getString("port.mac_address");
        assertNotNull(mac);
        String ipv6 = expectedIpv6(mac);
        List<Map<String, String>> fixed = active.getList("port.fixed_ips");
        assertEquals(2, fixed.size(), fixed.toString());
        assertTrue(fixed.get(0).get("ip_address").startsWith("10.0.9."));
        assertEquals(v4, fixed.get(0).get("subnet"));
        assertEquals(Map.of("ip_address", ipv6, "subnet", v6), fixed.get(1));

        // the activation event carries both addresses, the IPv6 one as version 6 (compute's view reads it)
        var events = records(bootstrap, Topics.NETWORK_PORT_EVENTS, port, l -> l.stream()
                .anyMatch(r -> new String(r.value()).contains("\"ACTIVE\"")));
        PortChanged activated = EventJson.mapper().readValue(events.get(events.size() - 1).value(), PortChanged.class);
        assertTrue(activated.fixedIps().stream().anyMatch(a -> a.version() == 6 && a.ipAddress().equals(ipv6)),
                activated.toString());

        // a port that never joined a server has no MAC, hence no IPv6 address
        as(user).get(API + "/ports/" + unattached).then().statusCode(200).body("port.status", equalTo("DOWN"))
                .body("port.fixed_ips.size()", equalTo(1));

        // deleting the port deletes its IPv6 address with it; the IPv4 one returns to the pool
        as(user).delete(API + "/ports/" + port).then().statusCode(204);
        as(user).get(API + "/ports/" + port).then().statusCode(404);
    }

    @Test
    void networkAndSubnetListsAnswerChangesSinceWithDeletedNetworksAnd304WhenNothingChanged() {
        TestUser user = newUser();
        Instant before = Instant.now().minusSeconds(1);
        String network = createNetwork(user);
        String subnet = createSubnet(user, network, "10.0.8.0/28");
        as(user).queryParam("changes-since", before.toString()).get(API + "/networks").then().statusCode(200)
                .body("networks.id", hasItem(network));
        as(user).queryParam("changes-since", before.toString()).get(API + "/subnets/detail").then().statusCode(200)
                .body("subnets.id", hasItem(subnet));
        Instant quiet = Instant.now();
        as(user).queryParam("changes-since", quiet.toString()).get(API + "/networks").then().statusCode(304);
        as(user).queryParam("changes-since", quiet.toString()).get(API + "/subnets").then().statusCode(304);

        as(user).delete(API + "/networks/" + network).then().statusCode(204);
        as(user).get(API + "/networks").then().statusCode(200).body("networks.id", not(hasItem(network)));
        JsonPath changed = as(user).queryParam("changes-since", quiet.toString()).get(API + "/networks/detail")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("DELETED", changed.getString("networks.find { it.id == '" + network + "' }.status"));
        assertEquals(true, changed.getBoolean("networks.find { it.id == '" + network + "' }.deleted"));

        as(user).queryParam("changes-since", "2001-01-01T00:00:00Z").get(API + "/networks").then().statusCode(400)
                .body("badRequest.message", equalTo("Too old changes-since value."));
        as(user).queryParam("changes-since", Instant.now().plusSeconds(600).toString()).get(API + "/subnets").then()
                .statusCode(400);
        as(user).queryParam("changes-since", "yesterday").get(API + "/networks").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid changes-since parameter."));
    }
}
