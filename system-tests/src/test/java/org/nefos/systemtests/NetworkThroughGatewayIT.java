package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
     * The compute ↔ network edge through the gateway: a server created on a private network gets its port
     * reserved at once, shows the port's address once ACTIVE, takes a floating IP through a port, and on delete
     * loses both ports while the floating IP stays allocated but free.
     */
    @Test
    void aServerOnAPrivateNetworkShowsItsAddressesAndItsDeleteFreesPortsAndFloatingIp() {
        String network = demo().contentType(ContentType.JSON)
                .body(Map.of("network", Map.of("name", "sys-" + UUID.randomUUID(), "type", "MAC_FILTERED")))
                .post("/network/v2.0/networks").then().statusCode(201).extract().jsonPath().getString("network.id");
        Map<String, Object> subnet = new java.util.HashMap<>();
        subnet.put("network_id", network);
        subnet.put("cidr", "10.0.1.0/28");
        subnet.put("gateway_ip", null);
        demo().contentType(ContentType.JSON).body(Map.of("subnet", subnet)).post("/network/v2.0/subnets").then()
                .statusCode(201);

        List<Map<String, Object>> flavors = demo().get("/compute/v2.0/flavors/detail").then().statusCode(200)
                .extract().jsonPath().getList("flavors");
        Object flavor = flavors.stream().filter(f -> Boolean.TRUE.equals(f.get("SNF:allow_create"))).findFirst()
                .orElseThrow().get("id");
        String image = demo().get("/compute/v2.0/images").then().statusCode(200).extract().jsonPath()
                .getString("images[0].id");
        long server = demo().contentType(ContentType.JSON).body(Map.of("server", Map.of("name", "sys-" + UUID.randomUUID(),
                "flavorRef", flavor, "imageRef", image, "networks", List.of(Map.of("uuid", network)))))
                .post("/compute/v2.0/servers").then().statusCode(202).extract().jsonPath().getLong("server.id");
        String device = String.valueOf(server);
        List<Map<String, Object>> ports = demo().get("/network/v2.0/ports").then().statusCode(200).extract()
                .jsonPath().getList("ports");
        String port = ports.stream().filter(p -> device.equals(p.get("device_id"))).map(p -> (String) p.get("id"))
                .findFirst().orElseThrow(() -> new AssertionError("no port reserved for " + device + ": " + ports));

        Poll.until(() -> demo().get("/compute/v2.0/servers/" + server).then().statusCode(200).extract().jsonPath(),
                s -> "ACTIVE".equals(s.getString("server.status")), Duration.ofSeconds(60), "server ACTIVE");
        Poll.until(() -> demo().get("/network/v2.0/ports/" + port).then().statusCode(200).extract().jsonPath(),
                p -> "ACTIVE".equals(p.getString("port.status")), Duration.ofSeconds(60), "port ACTIVE");
        JsonPath shown = Poll.until(() -> demo().get("/compute/v2.0/servers/" + server).then().extract().jsonPath(),
                s -> s.getList("server.attachments").size() == 1, Duration.ofSeconds(60), "the address in the server");
        String address = shown.getString("server.addresses.'" + network + "'[0].addr");
        assertTrue(address.startsWith("10.0.1."), address);
        assertEquals(port, shown.getString("server.attachments[0].id"));

        String pool = demo().get("/network/v2.0/networks").then().extract().jsonPath()
                .getString("networks.find { it.'SNF:floating_ip_pool' == true }.id");
        JsonPath fip = demo().contentType(ContentType.JSON).body(Map.of("floatingip", Map.of("floating_network_id", pool)))
                .post("/network/v2.0/floatingips").then().statusCode(200).extract().jsonPath();
        String fipId = fip.getString("floatingip.id");
        String floating = fip.getString("floatingip.floating_ip_address");
        String fipPort = demo().contentType(ContentType.JSON).body(Map.of("port", Map.of("network_id", pool,
                "device_id", device, "fixed_ips", List.of(Map.of("ip_address", floating)))))
                .post("/network/v2.0/ports").then().statusCode(201).extract().jsonPath().getString("port.id");
        JsonPath both = Poll.until(() -> demo().get("/compute/v2.0/servers/" + server).then().extract().jsonPath(),
                s -> s.getList("server.attachments").size() == 2, Duration.ofSeconds(60), "the floating IP in the server");
        assertEquals("floating", both.getString("server.addresses.'" + pool + "'[0].'OS-EXT-IPS:type'"));
        assertEquals(device, demo().get("/network/v2.0/floatingips/" + fipId).then().statusCode(200).extract()
                .jsonPath().getString("floatingip.instance_id"));

        demo().delete("/compute/v2.0/servers/" + server).then().statusCode(204);
        Poll.until(() -> demo().get("/compute/v2.0/servers/" + server).then().extract().jsonPath(),
                s -> "DELETED".equals(s.getString("server.status")), Duration.ofSeconds(60), "server DELETED");
        for (String p : List.of(port, fipPort)) {
            Poll.until(() -> demo().get("/network/v2.0/ports/" + p).statusCode(), c -> c == 404,
                    Duration.ofSeconds(60), "port " + p + " removed");
        }
        JsonPath free = demo().get("/network/v2.0/floatingips/" + fipId).then().statusCode(200).extract().jsonPath();
        assertEquals(null, free.getString("floatingip.port_id"));
        assertEquals(null, free.getString("floatingip.instance_id"));
        demo().delete("/network/v2.0/floatingips/" + fipId).then().statusCode(204);
        demo().delete("/network/v2.0/networks/" + network).then().statusCode(204);
    }

    private long usage(String resource) {
        return demo().get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath()
                .getLong("'" + SystemStack.DEMO_UUID + "'.'" + resource + "'.usage");
    }
}
