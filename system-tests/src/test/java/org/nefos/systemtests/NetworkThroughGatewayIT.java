package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A private network and a floating IP through the gateway, with the quota they take and give back. */
@ExtendWith(SystemStackExtension.class)
class NetworkThroughGatewayIT {

    private final SystemStack stack;

    NetworkThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    private RequestSpecification demo() {
        return given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken);
    }

    @Test
    void aNetworkAndAFloatingIpAreChargedAndReleased() {
        String network = demo().contentType(ContentType.JSON).post("/identity/v2.0/tokens").then().statusCode(200)
                .extract().jsonPath().getString("access.serviceCatalog.find { it.type == 'network' }.endpoints[0].publicURL");
        assertEquals(stack.gatewayUrl() + "/network", network);
        long networks = usage("cyclades.network.private");
        long ips = usage("cyclades.floating_ip");

        String id = demo().contentType(ContentType.JSON)
                .body(Map.of("network", Map.of("name", "sys-" + UUID.randomUUID(), "type", "MAC_FILTERED")))
                .post("/network/v2.0/networks").then().statusCode(201).extract().jsonPath().getString("network.id");
        assertEquals(networks + 1, usage("cyclades.network.private"));

        List<Map<String, Object>> all = demo().get("/network/v2.0/networks").then().statusCode(200)
                .extract().jsonPath().getList("networks");
        Map<String, Object> pool = all.stream().filter(n -> Boolean.TRUE.equals(n.get("SNF:floating_ip_pool")))
                .findFirst().orElseThrow(() -> new AssertionError("no floating IP pool in " + all));
        String ip = demo().contentType(ContentType.JSON)
                .body(Map.of("floatingip", Map.of("floating_network_id", pool.get("id"))))
                .post("/network/v2.0/floatingips").then().statusCode(200).extract().jsonPath()
                .getString("floatingip.id");
        assertEquals(ips + 1, usage("cyclades.floating_ip"));
        assertTrue(demo().get("/network/v2.0/floatingips").then().statusCode(200).extract().jsonPath()
                .getList("floatingips.id").contains(ip));

        demo().delete("/network/v2.0/floatingips/" + ip).then().statusCode(204);
        demo().delete("/network/v2.0/networks/" + id).then().statusCode(204);
        assertEquals(ips, usage("cyclades.floating_ip"));
        assertEquals(networks, usage("cyclades.network.private"));
    }

    /**
     * The seed document's cluster example through the gateway: a private network, a floating IP, three servers on
     * the private network of which only the first also has the public IP; every port ACTIVE, each server showing
     * exactly its addresses. Teardown frees ports, floating IP and network, and the quotas
     * {@code cyclades.network.private} and {@code cyclades.floating_ip} are back where they started.
     */
    @Test
    void threeServersOnAPrivateNetworkOneWithTheFloatingIpThenTeardownRestoresQuotas() {
        long networksBefore = usage("cyclades.network.private");
        long ipsBefore = usage("cyclades.floating_ip");

        String network = demo().contentType(ContentType.JSON)
                .body(Map.of("network", Map.of("name", "sys-" + UUID.randomUUID(), "type", "MAC_FILTERED")))
                .post("/network/v2.0/networks").then().statusCode(201).extract().jsonPath().getString("network.id");
        Map<String, Object> subnet = new HashMap<>();
        subnet.put("network_id", network);
        subnet.put("cidr", "10.0.1.0/28");
        subnet.put("gateway_ip", null);
        demo().contentType(ContentType.JSON).body(Map.of("subnet", subnet)).post("/network/v2.0/subnets").then()
                .statusCode(201);
        assertEquals(networksBefore + 1, usage("cyclades.network.private"));

        String pool = demo().get("/network/v2.0/networks").then().statusCode(200).extract().jsonPath()
                .getString("networks.find { it.public == true && it.'SNF:floating_ip_pool' == true }.id");
        JsonPath fip = demo().contentType(ContentType.JSON).body(Map.of("floatingip", Map.of("floating_network_id", pool)))
                .post("/network/v2.0/floatingips").then().statusCode(200).extract().jsonPath();
        String fipId = fip.getString("floatingip.id");
        String floating = fip.getString("floatingip.floating_ip_address");
        assertEquals(ipsBefore + 1, usage("cyclades.floating_ip"));

        // the first server also takes the floating IP (server create networks), the other two only the private net
        long withPublicIp = createServer(List.of(Map.of("uuid", network), Map.of("uuid", pool, "fixed_ip", floating)));
        List<Long> servers = List.of(withPublicIp, createServer(List.of(Map.of("uuid", network))),
                createServer(List.of(Map.of("uuid", network))));
        Set<String> devices = servers.stream().map(String::valueOf).collect(Collectors.toSet());

        for (long server : servers) {
            Poll.until(() -> demo().get("/compute/v2.0/servers/" + server).then().statusCode(200).extract().jsonPath(),
                    s -> "ACTIVE".equals(s.getString("server.status")), Duration.ofSeconds(90), "server " + server + " ACTIVE");
        }
        List<Map<String, Object>> ports = Poll.until(() -> serverPorts(devices),
                l -> l.size() == 4 && l.stream().allMatch(p -> "ACTIVE".equals(p.get("status"))), Duration.ofSeconds(60),
                "the four ports of the three servers ACTIVE");
        assertEquals(1, ports.stream().filter(p -> pool.equals(p.get("network_id"))).count(), ports.toString());

        Set<String> privateAddresses = new HashSet<>();
        for (long server : servers) {
            int nics = server == withPublicIp ? 2 : 1;
            JsonPath s = Poll.until(() -> demo().get("/compute/v2.0/servers/" + server).then().extract().jsonPath(),
                    j -> j.getList("server.attachments").size() == nics, Duration.ofSeconds(60),
                    "the " + nics + " NIC(s) of server " + server);
            String address = s.getString("server.addresses.'" + network + "'[0].addr");
            assertTrue(address.startsWith("10.0.1."), address);
            assertEquals("fixed", s.getString("server.addresses.'" + network + "'[0].'OS-EXT-IPS:type'"));
            privateAddresses.add(address);
            if (server == withPublicIp) {
                assertEquals(List.of(Map.of("version", 4, "addr", floating, "OS-EXT-IPS:type", "floating")),
                        s.getList("server.addresses.'" + pool + "'"));
            } else {
                assertEquals(Set.of(network), s.getMap("server.addresses").keySet(), s.prettify());
            }
        }
        assertEquals(3, privateAddresses.size(), "each server its own private address: " + privateAddresses);
        assertEquals(String.valueOf(withPublicIp), demo().get("/network/v2.0/floatingips/" + fipId).then()
                .statusCode(200).extract().jsonPath().getString("floatingip.instance_id"));

        // teardown: servers (their ports go with them), then the floating IP and the network
        for (long server : servers) {
            demo().delete("/compute/v2.0/servers/" + server).then().statusCode(204);
        }
        for (long server : servers) {
            Poll.until(() -> demo().get("/compute/v2.0/servers/" + server).then().extract().jsonPath(),
                    s -> "DELETED".equals(s.getString("server.status")), Duration.ofSeconds(90), "server " + server + " DELETED");
        }
        for (Map<String, Object> p : ports) {
            Poll.until(() -> demo().get("/network/v2.0/ports/" + p.get("id")).statusCode(), c -> c == 404,
                    Duration.ofSeconds(60), "port " + p.get("id") + " removed");
        }
        JsonPath free = demo().get("/network/v2.0/floatingips/" + fipId).then().statusCode(200).extract().jsonPath();
        assertEquals(null, free.getString("floatingip.port_id"));
        assertEquals(null, free.getString("floatingip.instance_id"));
        assertEquals(ipsBefore + 1, usage("cyclades.floating_ip"), "a detached floating IP stays charged");
        demo().delete("/network/v2.0/floatingips/" + fipId).then().statusCode(204);
        demo().delete("/network/v2.0/networks/" + network).then().statusCode(204);
        Poll.until(() -> demo().get("/network/v2.0/networks/" + network).then().statusCode(200).extract().jsonPath(),
                n -> "DELETED".equals(n.getString("network.status")), Duration.ofSeconds(60), "network DELETED");
        assertEquals(ipsBefore, usage("cyclades.floating_ip"));
        assertEquals(networksBefore, usage("cyclades.network.private"));
    }

    private long createServer(List<Map<String, Object>> networks) {
        List<Map<String, Object>> flavors = demo().get("/compute/v2.0/flavors/detail").then().statusCode(200)
                .extract().jsonPath().getList("flavors");
        // the smallest flavor: three servers stay well inside the demo user's cpu and ram quota
        Object flavor = flavors.stream().filter(f -> Boolean.TRUE.equals(f.get("SNF:allow_create")))
                .min(Comparator.comparingLong(f -> ((Number) f.get("ram")).longValue())).orElseThrow().get("id");
        String image = demo().get("/compute/v2.0/images").then().statusCode(200).extract().jsonPath()
                .getString("images[0].id");
        return demo().contentType(ContentType.JSON).body(Map.of("server", Map.of("name", "sys-" + UUID.randomUUID(),
                "flavorRef", flavor, "imageRef", image, "networks", networks)))
                .post("/compute/v2.0/servers").then().statusCode(202).extract().jsonPath().getLong("server.id");
    }

    /** The demo user's ports attached to one of {@code devices}. */
    private List<Map<String, Object>> serverPorts(Set<String> devices) {
        List<Map<String, Object>> ports = demo().get("/network/v2.0/ports").then().statusCode(200).extract()
                .jsonPath().getList("ports");
        return ports.stream().filter(p -> devices.contains(p.get("device_id"))).toList();
    }

    private long usage(String resource) {
        return demo().get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath()
                .getLong("'" + SystemStack.DEMO_UUID + "'.'" + resource + "'.usage");
    }
}
