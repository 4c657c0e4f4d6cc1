package org.nefos.network;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
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
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Bad input answers the spec's status with Synnefo fault JSON, never a 500; users never see each other. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class NetworkFaultsTest {

    private static void fault(Response r, int status, String key) {
        r.then().statusCode(status).contentType(ContentType.JSON).body(key + ".code", equalTo(status))
                .body(key + ".message", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void malformedBodiesAreBadRequests() {
        TestUser user = newUser();
        fault(post(user, "/networks", Map.of("networks", List.of(Map.of("type", "MAC_FILTERED")))), 400, "badRequest");
        fault(post(user, "/networks", Map.of("network", Map.of("type", "NOPE"))), 400, "badRequest");
        fault(post(user, "/networks", Map.of("network", Map.of())), 400, "badRequest");
        fault(post(user, "/networks", Map.of("network", Map.of("type", "MAC_FILTERED", "name", 5))), 400, "badRequest");
        fault(post(user, "/networks", Map.of("network", Map.of("type", "MAC_FILTERED", "name", "x".repeat(129)))), 400,
                "badRequest");
        fault(as(user).contentType(ContentType.JSON).body("{not json").post(API + "/networks"), 400, "badRequest");
        fault(as(user).contentType("text/plain").body("{}").post(API + "/networks"), 400, "badRequest");
        fault(post(user, "/ports", Map.of("ports", List.of())), 400, "badRequest");
        fault(post(user, "/ports", Map.of("port", Map.of())), 400, "badRequest");
        fault(post(user, "/floatingips", Map.of()), 400, "badRequest");
        fault(post(user, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", "abc"))), 400, "badRequest");
        String net = createNetwork(user);
        fault(put(user, "/networks/" + net, Map.of("network", Map.of())), 400, "badRequest");
    }

    @Test
    void subnetCidrsAreValidated() {
        TestUser user = newUser();
        String net = createNetwork(user);
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.300/24"))), 400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0"))), 400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.1/24"))), 400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/16"))), 413, "overLimit");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/30"))), 413, "overLimit");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "2001:db8::/48",
                "ip_version", 6))), 400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "zz::/64", "ip_version", 6))),
                400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/24", "ip_version", 5))),
                400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("cidr", "10.0.0.0/24"))), 400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", "999999", "cidr", "10.0.0.0/24"))), 404,
                "itemNotFound");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/24", "gateway_ip",
                "10.0.1.1"))), 400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/24", "enable_dhcp",
                "yes"))), 400, "badRequest");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/24",
                "allocation_pools", List.of(Map.of("start", "10.0.0.5", "end", "10.0.1.5"))))), 409, "conflict");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/24",
                "allocation_pools", List.of(Map.of("start", "10.0.0.1", "end", "10.0.0.5"))))), 409, "conflict");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/24",
                "allocation_pools", List.of(Map.of("start", "10.0.0.5", "end", "10.0.0.9"),
                        Map.of("start", "10.0.0.8", "end", "10.0.0.12"))))), 409, "conflict");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.0.0.0/24",
                "allocation_pools", List.of(Map.of("start", "x", "end", "10.0.0.9"))))), 400, "badRequest");
        createSubnet(user, net, "10.0.0.0/24");
        fault(post(user, "/subnets", Map.of("subnet", Map.of("network_id", net, "cidr", "10.9.0.0/24"))), 400,
                "badRequest");
        String subnet = as(user).get(API + "/networks/" + net).then().extract().jsonPath().getString("network.subnets[0]");
        fault(put(user, "/subnets/" + subnet, Map.of("subnet", Map.of("name", "x", "cidr", "10.1.0.0/24"))), 400,
                "badRequest");
    }

    @Test
    void portsRejectBadAddressesAndNetworksWithPortsCannotBeDeleted() {
        TestUser user = newUser();
        String net = createNetwork(user);
        createSubnet(user, net, "10.0.1.0/28");
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", "424242"))), 404, "itemNotFound");
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", net, "fixed_ips",
                List.of(Map.of("ip_address", "10.0.2.1"))))), 400, "badRequest");
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", net, "fixed_ips",
                List.of(Map.of("ip_address", "not-an-ip"))))), 400, "badRequest");
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", net, "fixed_ips",
                List.of(Map.of("ip_address", "10.0.1.2"), Map.of("ip_address", "10.0.1.3"))))), 400, "badRequest");
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", net, "security_groups", List.of("7")))), 404,
                "itemNotFound");
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", net, "device_id", "abc"))), 400, "badRequest");
        String pool = publicPool(user);
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", pool))), 400, "badRequest");
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", pool, "fixed_ips",
                List.of(Map.of("ip_address", "203.0.113.200"))))), 404, "itemNotFound");

        String port = post(user, "/ports", Map.of("port", Map.of("network_id", net))).then().statusCode(201).extract()
                .jsonPath().getString("port.id");
        fault(as(user).delete(API + "/networks/" + net), 409, "conflict");
        as(user).delete(API + "/ports/" + port).then().statusCode(204);
        as(user).delete(API + "/networks/" + net).then().statusCode(204);
        fault(as(user).delete(API + "/networks/" + net), 400, "badRequest");
        fault(post(user, "/ports", Map.of("port", Map.of("network_id", net))), 400, "badRequest");
        fault(as(user).delete(API + "/networks/" + pool), 403, "forbidden");
        fault(put(user, "/networks/" + pool, Map.of("network", Map.of("name", "mine"))), 403, "forbidden");
    }

    @Test
    void unknownIdsAreNotFound() {
        TestUser user = newUser();
        for (String path : List.of("/networks/", "/subnets/", "/ports/", "/floatingips/")) {
            fault(as(user).get(API + path + "987654321"), 404, "itemNotFound");
            fault(as(user).get(API + path + "abc"), 404, "itemNotFound");
        }
        fault(as(user).delete(API + "/ports/987654321"), 404, "itemNotFound");
        fault(as(user).delete(API + "/floatingips/987654321"), 404, "itemNotFound");
        fault(as(user).delete(API + "/networks/987654321"), 404, "itemNotFound");
        fault(post(user, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", "987654321"))), 404,
                "itemNotFound");
        String net = createNetwork(user);
        fault(post(user, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", net))), 409, "conflict");
        fault(io.restassured.RestAssured.given().get(API + "/networks"), 401, "unauthorized");
    }

    @Test
    void twoUsersAreIsolated() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        String net = createNetwork(alice);
        String subnet = createSubnet(alice, net, "10.0.1.0/28");
        String port = post(alice, "/ports", Map.of("port", Map.of("network_id", net))).then().statusCode(201).extract()
                .jsonPath().getString("port.id");
        String ip = post(alice, "/floatingips", Map.of("floatingip", Map.of())).then().statusCode(200).extract()
                .jsonPath().getString("floatingip.id");
        String address = as(alice).get(API + "/floatingips/" + ip).then().extract().jsonPath()
                .getString("floatingip.floating_ip_address");

        fault(as(bob).get(API + "/networks/" + net), 404, "itemNotFound");
        fault(as(bob).get(API + "/subnets/" + subnet), 404, "itemNotFound");
        fault(as(bob).get(API + "/ports/" + port), 404, "itemNotFound");
        fault(as(bob).get(API + "/floatingips/" + ip), 404, "itemNotFound");
        as(bob).get(API + "/networks").then().statusCode(200).body("networks.id", not(hasItem(net)));
        as(bob).get(API + "/ports").then().statusCode(200).body("ports.id", not(hasItem(port)));
        as(bob).get(API + "/floatingips").then().statusCode(200).body("floatingips.id", not(hasItem(ip)));
        fault(post(bob, "/ports", Map.of("port", Map.of("network_id", net))), 404, "itemNotFound");
        Map<String, Object> sub = new HashMap<>(Map.of("network_id", net, "cidr", "2001:db8::/64", "ip_version", 6));
        fault(post(bob, "/subnets", Map.of("subnet", sub)), 404, "itemNotFound");
        fault(as(bob).delete(API + "/networks/" + net), 404, "itemNotFound");
        fault(as(bob).delete(API + "/ports/" + port), 404, "itemNotFound");
        fault(as(bob).delete(API + "/floatingips/" + ip), 404, "itemNotFound");
        String pool = publicPool(bob);
        fault(post(bob, "/ports", Map.of("port", Map.of("network_id", pool, "fixed_ips",
                List.of(Map.of("ip_address", address))))), 404, "itemNotFound");
        fault(post(bob, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", pool,
                "floating_ip_address", address))), 409, "conflict");
        as(alice).get(API + "/ports/" + port).then().statusCode(200);
    }
}
