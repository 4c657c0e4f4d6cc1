package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
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

    private long usage(String resource) {
        return demo().get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath()
                .getLong("'" + SystemStack.DEMO_UUID + "'.'" + resource + "'.usage");
    }
}
