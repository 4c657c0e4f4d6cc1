package org.nefos.network;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.nefos.network.NetworkTestSupport.API;
import static org.nefos.network.NetworkTestSupport.as;
import static org.nefos.network.NetworkTestSupport.createNetwork;
import static org.nefos.network.NetworkTestSupport.createSubnet;
import static org.nefos.network.NetworkTestSupport.newUser;
import static org.nefos.network.NetworkTestSupport.post;
import static org.nefos.network.NetworkTestSupport.publicPool;
import static org.nefos.network.NetworkTestSupport.put;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** The /network/v2.0 contract as kamaki and burnin use it (cyclades-api.md 3.5-3.8, 4, 8.3). */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class NetworkApiContractTest {

    @Test
    void networkCreateListGetRenameDelete() {
        TestUser user = newUser();
        JsonPath created = post(user, "/networks", Map.of("network", Map.of("type", "MAC_FILTERED", "name", "snf-test-a",
                "admin_state_up", true, "shared", false))).then().statusCode(201)
                .header("Content-Type", "application/json; charset=UTF-8").extract().jsonPath();
        String id = created.getString("network.id");
        Map<String, Object> n = created.getMap("network");
        assertInstanceOf(String.class, n.get("id"));
        assertEquals("snf-test-a", n.get("name"));
        assertEquals("MAC_FILTERED", n.get("type"));
        assertEquals("ACTIVE", n.get("status"));
        assertEquals(user.uuid(), n.get("user_id"));
        assertEquals(user.uuid(), n.get("tenant_id"), "tenant_id is the charged (default) project");
        assertEquals(false, n.get("public"));
        assertEquals(false, n.get("shared"));
        assertEquals(false, n.get("router:external"));
        assertEquals(true, n.get("admin_state_up"));
        assertEquals(false, n.get("SNF:floating_ip_pool"));
        assertEquals(false, n.get("deleted"));
        assertEquals(List.of(), n.get("subnets"));
        assertEquals(false, n.get("shared_to_project"));
        assertEquals(2, ((List<?>) n.get("links")).size());
        org.junit.jupiter.api.Assertions.assertTrue(((String) n.get("created")).endsWith("+00:00"));

        as(user).get(API + "/networks").then().statusCode(200).body("networks.id", hasItem(id));
        as(user).get(API + "/networks/detail").then().statusCode(200).body("networks.id", hasItem(id));
        as(user).get(API + "/networks/" + id).then().statusCode(200).body("network.name", equalTo("snf-test-a"));
        put(user, "/networks/" + id, Map.of("network", Map.of("name", "snf-test-b"))).then().statusCode(200)
                .body("network.name", equalTo("snf-test-b"));

        as(user).delete(API + "/networks/" + id).then().statusCode(204);
        as(user).get(API + "/networks/" + id).then().statusCode(200).body("network.status", equalTo("DELETED"))
                .body("network.deleted", equalTo(true));
        as(user).get(API + "/networks").then().statusCode(200).body("networks.id", not(hasItem(id)));
    }

    @Test
    void otherEnabledTypesAreCreatedAndDisabledOnesForbidden() {
        TestUser user = newUser();
        post(user, "/networks", Map.of("network", Map.of("type", "IP_LESS_ROUTED"))).then().statusCode(201)
                .body("network.type", equalTo("IP_LESS_ROUTED")).body("network.name", equalTo(""));
        post(user, "/networks", Map.of("network", Map.of("type", "CUSTOM"))).then().statusCode(201);
        post(user, "/networks", Map.of("network", Map.of("type", "PHYSICAL_VLAN"))).then().statusCode(403)
                .body("forbidden.code", equalTo(403));
    }

    @Test
    void subnetsIpv4AndIpv6WithGatewayDhcpAndPools() {
        TestUser user = newUser();
        String net = createNetwork(user);
        String v4 = createSubnet(user, net, "10.0.1.0/28");
        JsonPath s = as(user).get(API + "/subnets/" + v4).then().statusCode(200).extract().jsonPath();
        assertEquals(net, s.getString("subnet.network_id"));
        assertEquals("10.0.1.0/28", s.getString("subnet.cidr"));
        assertEquals(4, s.getInt("subnet.ip_version"));
        org.junit.jupiter.api.Assertions.assertNull(s.get("subnet.gateway_ip"));
        assertEquals(true, s.getBoolean("subnet.enable_dhcp"));
        assertEquals(List.of(Map.of("start", "10.0.1.1", "end", "10.0.1.14")), s.getList("subnet.allocation_pools"));
        assertEquals(user.uuid(), s.getString("subnet.user_id"));
        assertEquals(false, s.getBoolean("subnet.public"));

        Map<String, Object> v6 = new HashMap<>(Map.of("network_id", net, "cidr", "2001:db8:1::/64", "ip_version", 6,
                "enable_dhcp", false));
        post(user, "/subnets", Map.of("subnet", v6)).then().statusCode(201).body("subnet.ip_version", equalTo(6))
                .body("subnet.enable_slaac", equalTo(false)).body("subnet.gateway_ip", nullValue())
                .body("subnet.allocation_pools", equalTo(List.of()));
        as(user).get(API + "/networks/" + net).then().body("network.subnets.size()", equalTo(2));

        String other = createNetwork(user);
        post(user, "/subnets", Map.of("subnet", Map.of("network_id", Long.parseLong(other), "cidr", "192.168.4.0/24",
                "name", "snf-test-sub"))).then().statusCode(201)
                .body("subnet.gateway_ip", equalTo("192.168.4.1"))
                .body("subnet.allocation_pools", equalTo(List.of(Map.of("start", "192.168.4.2", "end", "192.168.4.254"))));
        String pooled = createNetwork(user);
        post(user, "/subnets", Map.of("subnet", Map.of("network_id", pooled, "cidr", "172.16.0.0/24", "gateway_ip",
                "172.16.0.100", "allocation_pools", List.of(Map.of("start", "172.16.0.10", "end", "172.16.0.20")))))
                .then().statusCode(201).body("subnet.gateway_ip", equalTo("172.16.0.100"))
                .body("subnet.allocation_pools", equalTo(List.of(Map.of("start", "172.16.0.10", "end", "172.16.0.20"))));

        put(user, "/subnets/" + v4, Map.of("subnet", Map.of("name", "renamed"))).then().statusCode(200)
                .body("subnet.name", equalTo("renamed"));
        as(user).get(API + "/subnets").then().statusCode(200).body("subnets.id", hasItem(v4));
        as(user).delete(API + "/subnets/" + v4).then().statusCode(400).body("badRequest.code", equalTo(400));
    }

    @Test
    void portsGetAddressesFromThePoolAndAreReleasedOnDelete() {
        TestUser user = newUser();
        String net = createNetwork(user);
        String subnet = createSubnet(user, net, "10.0.1.0/28");
        JsonPath p = post(user, "/ports", Map.of("port", Map.of("network_id", net, "name", "snf-test-port",
                "security_groups", List.of()))).then().statusCode(201).extract().jsonPath();
        String id = p.getString("port.id");
        assertEquals("DOWN", p.getString("port.status"));
        assertEquals(net, p.getString("port.network_id"));
        assertEquals(user.uuid(), p.getString("port.user_id"));
        assertEquals(user.uuid(), p.getString("port.tenant_id"));
        org.junit.jupiter.api.Assertions.assertNull(p.get("port.device_id"));
        org.junit.jupiter.api.Assertions.assertNull(p.get("port.device_owner"));
        assertEquals(List.of(Map.of("ip_address", "10.0.1.1", "subnet", subnet)), p.getList("port.fixed_ips"));
        assertEquals(List.of(), p.getList("port.security_groups"));
        assertEquals(true, p.getBoolean("port.admin_state_up"));

        post(user, "/ports", Map.of("port", Map.of("network_id", net, "fixed_ips",
                List.of(Map.of("ip_address", "10.0.1.9"))))).then().statusCode(201)
                .body("port.fixed_ips[0].ip_address", equalTo("10.0.1.9"));
        post(user, "/ports", Map.of("port", Map.of("network_id", net, "fixed_ips",
                List.of(Map.of("ip_address", "10.0.1.9"))))).then().statusCode(409).body("conflict.code", equalTo(409));

        put(user, "/ports/" + id, Map.of("port", Map.of("network_id", net, "name", "renamed"))).then().statusCode(200)
                .body("port.name", equalTo("renamed"));
        as(user).get(API + "/ports").then().statusCode(200).body("ports.id", hasItem(id));
        as(user).get(API + "/ports/detail").then().statusCode(200).body("ports.id", hasItem(id));

        as(user).delete(API + "/ports/" + id).then().statusCode(204);
        as(user).get(API + "/ports/" + id).then().statusCode(404).body("itemNotFound.code", equalTo(404));
        post(user, "/ports", Map.of("port", Map.of("network_id", net))).then().statusCode(201)
                .body("port.fixed_ips[0].ip_address", equalTo("10.0.1.1"));
    }

    @Test
    void floatingIpsOnThePublicPoolAttachThroughPorts() {
        TestUser user = newUser();
        String pool = publicPool(user);
        as(user).get(API + "/networks/" + pool).then().statusCode(200).body("network.public", equalTo(true))
                .body("network.'router:external'", equalTo(true)).body("network.user_id", nullValue());
        JsonPath ip = post(user, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", pool)))
                .then().statusCode(200).extract().jsonPath();
        String id = ip.getString("floatingip.id");
        String address = ip.getString("floatingip.floating_ip_address");
        assertInstanceOf(String.class, ip.get("floatingip.id"));
        assertEquals(pool, ip.getString("floatingip.floating_network_id"));
        org.junit.jupiter.api.Assertions.assertNull(ip.get("floatingip.port_id"));
        org.junit.jupiter.api.Assertions.assertNull(ip.get("floatingip.instance_id"));
        org.junit.jupiter.api.Assertions.assertNull(ip.get("floatingip.fixed_ip_address"));
        assertEquals(user.uuid(), ip.getString("floatingip.tenant_id"));
        assertEquals(false, ip.getBoolean("floatingip.deleted"));

        JsonPath other = post(user, "/floatingips", Map.of("floatingip", Map.of())).then().statusCode(200)
                .extract().jsonPath();
        assertNotEquals(address, other.getString("floatingip.floating_ip_address"));

        String port = post(user, "/ports", Map.of("port", Map.of("network_id", pool, "fixed_ips",
                List.of(Map.of("ip_address", address))))).then().statusCode(201)
                .body("port.fixed_ips[0].ip_address", equalTo(address)).extract().jsonPath().getString("port.id");
        as(user).get(API + "/floatingips/" + id).then().statusCode(200).body("floatingip.port_id", equalTo(port));
        as(user).delete(API + "/floatingips/" + id).then().statusCode(409).body("conflict.code", equalTo(409));
        put(user, "/floatingips/" + id, Map.of("floatingip", Map.of())).then().statusCode(501)
                .body("notImplemented.code", equalTo(501));

        as(user).delete(API + "/ports/" + port).then().statusCode(204);
        as(user).get(API + "/floatingips/" + id).then().statusCode(200).body("floatingip.port_id", nullValue());
        as(user).get(API + "/floatingips").then().statusCode(200).body("floatingips.id", hasItem(id));
        as(user).delete(API + "/floatingips/" + id).then().statusCode(204);
        as(user).get(API + "/floatingips/" + id).then().statusCode(404);
        as(user).get(API + "/floatingips").then().statusCode(200).body("floatingips.id", not(hasItem(id)));
    }

    @Test
    void versionDocumentsNeedNoToken() {
        io.restassured.RestAssured.given().get("/network").then().statusCode(200)
                .body("versions[0].id", equalTo("v2.0"));
        io.restassured.RestAssured.given().get("/network/v2.0").then().statusCode(200)
                .body("version.status", equalTo("CURRENT"));
    }
}
