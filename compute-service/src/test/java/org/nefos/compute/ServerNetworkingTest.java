package org.nefos.compute;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.await;
import static org.nefos.compute.ComputeTestSupport.awaitStatus;
import static org.nefos.compute.ComputeTestSupport.awaitUsage;
import static org.nefos.compute.ComputeTestSupport.post;
import static org.nefos.compute.ComputeTestSupport.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * The compute ↔ network edge against the real network-service jar (same PostgreSQL, Kafka and identity):
 * {@code os-floating-ips}, server create with {@code networks} (ports reserved before the 202, released when the
 * create is refused), {@code attachments}/{@code addresses} from {@code network.port.events}, and server delete
 * removing the ports while floating IPs stay allocated but free (cyclades-api.md 2.3, 2.4, 2.8, 2.13, 3.2); a NIC
 * change moving the server's {@code updated} (1.6); no NIC on a public network with only an IPv6 subnet (403).
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class ServerNetworkingTest {

    private static final String FIPS = "/compute/v2.0/os-floating-ips";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String computeDatabase;

    private static RequestSpecification net(TestUser user) {
        return given().baseUri(ServiceStackResource.network().url()).header("X-Auth-Token", user.token())
                .contentType(ContentType.JSON);
    }

    private static String privateNetwork(TestUser user, String cidr) {
        String id = net(user).body(Map.of("network", Map.of("type", "MAC_FILTERED", "name",
                "snf-test-" + UUID.randomUUID()))).post("/network/v2.0/networks").then().statusCode(201)
                .extract().jsonPath().getString("network.id");
        Map<String, Object> subnet = new HashMap<>();
        subnet.put("network_id", id);
        subnet.put("cidr", cidr);
        subnet.put("gateway_ip", null);
        net(user).body(Map.of("subnet", subnet)).post("/network/v2.0/subnets").then().statusCode(201);
        return id;
    }

    private static String publicNetwork(TestUser user) {
        List<Map<String, Object>> nets = net(user).get("/network/v2.0/networks").then().statusCode(200).extract()
                .jsonPath().getList("networks");
        return nets.stream().filter(n -> Boolean.TRUE.equals(n.get("public"))).map(n -> (String) n.get("id"))
                .findFirst().orElseThrow();
    }

    private static Response createWithNetworks(TestUser user, List<Map<String, Object>> networks) {
        Map<String, Object> body = ComputeTestSupport.serverBody("snf-test-" + UUID.randomUUID(),
                ComputeTestSupport.SMALL, Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> server = (Map<String, Object>) body.get("server");
        server.put("networks", networks);
        return post(user, "/compute/v2.0/servers", body);
    }

    private static List<Map<String, Object>> ports(TestUser user) {
        return net(user).get("/network/v2.0/ports").then().statusCode(200).extract().jsonPath().getList("ports");
    }

    @Test
    void osFloatingIpsAllocateListAndReleaseOnNetworkServiceWithQuota() {
        TestUser user = ComputeTestSupport.newUser();
        as(user).get(FIPS).then().statusCode(200).header("Content-Type", "application/json; charset=UTF-8")
                .body("floating_ips", equalTo(List.of()));
        JsonPath ip = as(user).post(FIPS).then().statusCode(200).body("floating_ip.id", instanceOf(Integer.class))
                .body("floating_ip.ip", startsWith("203.0.113.")).body("floating_ip.instance_id", equalTo(null))
                .body("floating_ip.fixed_ip", equalTo(null)).body("floating_ip.pool", equalTo(null))
                .extract().jsonPath();
        int id = ip.getInt("floating_ip.id");
        awaitUsage(user, "cyclades.floating_ip", 1);
        as(user).get(FIPS).then().statusCode(200).body("floating_ips.size()", equalTo(1))
                .body("floating_ips[0].id", equalTo(id));
        as(user).get(FIPS + "/" + id).then().statusCode(200).body("floatingip.id", equalTo(String.valueOf(id)))
                .body("floatingip.floating_ip_address", equalTo(ip.getString("floating_ip.ip")))
                .body("floatingip.port_id", equalTo(null));
        // the same IP is network-service's: seen there with the user's token
        net(user).get("/network/v2.0/floatingips/" + id).then().statusCode(200)
                .body("floatingip.user_id", equalTo(user.uuid()));
        // another user sees nothing of it and cannot release it
        TestUser other = ComputeTestSupport.newUser();
        as(other).get(FIPS + "/" + id).then().statusCode(404).body("itemNotFound.code", equalTo(404));
        as(other).delete(FIPS + "/" + id).then().statusCode(404);
        as(user).delete(FIPS + "/" + id).then().statusCode(204);
        awaitUsage(user, "cyclades.floating_ip", 0);
        as(user).get(FIPS).then().statusCode(200).body("floating_ips", equalTo(List.of()));
        as(user).get(FIPS + "/" + id).then().statusCode(404);
        as(user).delete(FIPS + "/" + id).then().statusCode(404).body("itemNotFound.code", equalTo(404));
        as(user).queryParam("changes-since", "2001-01-01T00:00:00Z").get(FIPS).then().statusCode(400)
                .body("badRequest.message", equalTo("Too old changes-since value."));
        as(user).put(FIPS + "/42").then().statusCode(405);
        given().get(FIPS).then().statusCode(401);
    }

    @Test
    void serverOnPrivateNetworkShowsItsActivePortAndDeleteRemovesPortsButKeepsTheFloatingIp() {
        TestUser user = ComputeTestSupport.newUser();
        String network = privateNetwork(user, "10.0.1.0/28");
        net(user).body(Map.of("subnet", Map.of("network_id", network, "cidr", "2001:db8:5::/64", "ip_version", 6)))
                .post("/network/v2.0/subnets").then().statusCode(201);
        JsonPath created = createWithNetworks(user, List.of(Map.of("uuid", network))).then().statusCode(202)
                .body("server.status", equalTo("BUILD")).body("server.attachments", equalTo(List.of()))
                .body("server.addresses", equalTo(Map.of())).extract().jsonPath();
        long id = created.getLong("server.id");
        // the port was reserved before the 202, on the server's id
        List<Map<String, Object>> reserved = ports(user);
        assertEquals(1, reserved.size());
        assertEquals(String.valueOf(id), reserved.get(0).get("device_id"));
        String portId = (String) reserved.get(0).get("id");

        awaitStatus(user, id, "ACTIVE");
        JsonPath s = await(() -> server(user, id), j -> j.getList("server.attachments").size() == 1,
                "the port to show in the server's attachments");
        assertEquals(Integer.parseInt(portId), s.getInt("server.attachments[0].id"));
        assertEquals(network, s.getString("server.attachments[0].network_id"));
        String ipv4 = s.getString("server.attachments[0].ipv4");
        assertTrue(ipv4.startsWith("10.0.1."), ipv4);
        String ipv6 = s.getString("server.attachments[0].ipv6");
        assertTrue(ipv6.startsWith("2001:db8:5:0:a800:"), ipv6);
        assertEquals("fixed", s.getString("server.attachments[0].'OS-EXT-IPS:type'"));
        assertNotNull(s.getString("server.attachments[0].mac_address"));
        assertEquals(List.of(Map.of("version", 4, "addr", ipv4, "OS-EXT-IPS:type", "fixed"),
                Map.of("version", 6, "addr", ipv6, "OS-EXT-IPS:type", "fixed")),
                s.getList("server.addresses.'" + network + "'"));
        net(user).get("/network/v2.0/ports/" + portId).then().statusCode(200).body("port.status", equalTo("ACTIVE"));
        as(user).get("/compute/v2.0/servers/" + id + "/ips").then().statusCode(200)
                .body("attachments.size()", equalTo(1)).body("addresses.'" + network + "'[0].addr", equalTo(ipv4));
        as(user).get("/compute/v2.0/servers/" + id + "/ips/" + network).then().statusCode(200)
                .body("network.'" + network + "'[0].addr", equalTo(ipv4));
        as(user).get("/compute/v2.0/servers/" + id + "/ips/999999").then().statusCode(404);
        as(user).get("/compute/v2.0/servers/detail").then().statusCode(200)
                .body("servers.find { it.id == " + id + " }.attachments.size()", equalTo(1));

        // a floating IP attached through the network API, as burnin does (a port with device_id)
        String address = as(user).post(FIPS).then().statusCode(200).extract().jsonPath().getString("floating_ip.ip");
        String fipId = as(user).get(FIPS).then().extract().jsonPath().getString("floating_ips[0].id");
        String publicNet = publicNetwork(user);
        String floatingPort = net(user).body(Map.of("port", Map.of("network_id", publicNet, "device_id",
                String.valueOf(id), "fixed_ips", List.of(Map.of("ip_address", address)))))
                .post("/network/v2.0/ports").then().statusCode(201).extract().jsonPath().getString("port.id");
        JsonPath both = await(() -> server(user, id), j -> j.getList("server.attachments").size() == 2,
                "the floating IP's port to show");
        assertEquals(List.of(Map.of("version", 4, "addr", address, "OS-EXT-IPS:type", "floating")),
                both.getList("server.addresses.'" + publicNet + "'"));
        as(user).get(FIPS + "/" + fipId).then().statusCode(200).body("floatingip.instance_id", equalTo(String.valueOf(id)));

        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        awaitStatus(user, id, "DELETED");
        for (String p : List.of(portId, floatingPort)) {
            await(() -> net(user).get("/network/v2.0/ports/" + p).statusCode(), code -> code == 404,
                    "port " + p + " to be removed with its server");
        }
        await(() -> server(user, id), j -> j.getList("server.attachments").isEmpty(), "no attachments once deleted");
        // the floating IP is detached, still the user's and still charged
        JsonPath fip = as(user).get(FIPS + "/" + fipId).then().statusCode(200).extract().jsonPath();
        assertNull(fip.get("floatingip.port_id"));
        assertNull(fip.get("floatingip.instance_id"));
        assertEquals(1L, ComputeTestSupport.usage(user, "cyclades.floating_ip"));
        // the private address is back in the pool: a new port gets the same first address
        String again = net(user).body(Map.of("port", Map.of("network_id", network))).post("/network/v2.0/ports")
                .then().statusCode(201).extract().jsonPath().getString("port.fixed_ips[0].ip_address");
        assertEquals(ipv4, again);
        as(user).delete(FIPS + "/" + fipId).then().statusCode(204);
    }

    @Test
    void refusedCreatesLeaveNoPortAndNoServer() {
        TestUser user = ComputeTestSupport.newUser();
        String network = privateNetwork(user, "10.0.2.0/28");
        // the second NIC names an unknown network: 404, and the first NIC's port is released again
        createWithNetworks(user, List.of(Map.of("uuid", network), Map.of("uuid", "999999"))).then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
        assertEquals(List.of(), ports(user));
        // someone else's private network is just as unknown
        TestUser other = ComputeTestSupport.newUser();
        String foreign = privateNetwork(other, "10.0.3.0/28");
        createWithNetworks(user, List.of(Map.of("uuid", foreign))).then().statusCode(404);
        // an address outside the pool: network-service's 400 is relayed
        createWithNetworks(user, List.of(Map.of("uuid", network, "fixed_ip", "192.168.7.7"))).then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        // a public network without any unused floating IP of the user: 409
        createWithNetworks(user, List.of(Map.of("uuid", publicNetwork(user)))).then().statusCode(409)
                .body("conflict.message", startsWith("Cannot find an unused floating IP"));
        // malformed items: 400 before anything is reserved
        createWithNetworks(user, List.of(Map.of("fixed_ip", "10.0.2.5"))).then().statusCode(400);
        createWithNetworks(user, List.of(Map.of("uuid", "not-a-number"))).then().statusCode(400);
        List<Map<String, Object>> nine = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(Map.of("uuid", network));
        }
        createWithNetworks(user, nine).then().statusCode(400);
        assertEquals(List.of(), ports(user));
        as(user).get("/compute/v2.0/servers").then().statusCode(200).body("servers", equalTo(List.of()));
        assertEquals(0L, ComputeTestSupport.usage(user, "cyclades.vm"));
    }

    @Test
    void existingPortAndFixedIpAreAttachedAndAPortInUseIsRefused() {
        TestUser user = ComputeTestSupport.newUser();
        String network = privateNetwork(user, "10.0.4.0/28");
        String port = net(user).body(Map.of("port", Map.of("network_id", network))).post("/network/v2.0/ports").then()
                .statusCode(201).body("port.status", equalTo("DOWN")).extract().jsonPath().getString("port.id");
        long id = createWithNetworks(user, List.of(Map.of("port", port), Map.of("uuid", network, "fixed_ip",
                "10.0.4.9"))).then().statusCode(202).extract().jsonPath().getLong("server.id");
        net(user).get("/network/v2.0/ports/" + port).then().statusCode(200)
                .body("port.device_id", equalTo(String.valueOf(id)));
        awaitStatus(user, id, "ACTIVE");
        JsonPath s = await(() -> server(user, id), j -> j.getList("server.attachments").size() == 2,
                "both NICs to be ACTIVE");
        assertEquals(Integer.parseInt(port), s.getInt("server.attachments[0].id"));
        assertEquals("10.0.4.9", s.getString("server.attachments[1].ipv4"));
        // the port is in use now: a second server may not take it, and that refusal reserves nothing
        createWithNetworks(user, List.of(Map.of("uuid", network), Map.of("port", port))).then().statusCode(409)
                .body("conflict.message", equalTo("Port " + port + " is already in use."));
        assertEquals(2, ports(user).size());
        // another user cannot attach it either
        TestUser other = ComputeTestSupport.newUser();
        createWithNetworks(other, List.of(Map.of("port", port))).then().statusCode(404);
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        awaitStatus(user, id, "DELETED");
        await(() -> ports(user), List::isEmpty, "the server's ports to be removed");
    }

    @Test
    void addAndRemoveFloatingIpActionsConnectAndDisconnectThroughAPort() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        String path = "/compute/v2.0/servers/" + id + "/action";
        post(user, path, Map.of("addFloatingIp", Map.of("address", "198.51.100.9"))).then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
        post(user, path, Map.of("addFloatingIp", Map.of())).then().statusCode(400);
        JsonPath ip = as(user).post(FIPS).then().statusCode(200).extract().jsonPath();
        String address = ip.getString("floating_ip.ip");
        String fipId = ip.getString("floating_ip.id");
        post(user, path, Map.of("addFloatingIp", Map.of("address", address))).then().statusCode(202);
        JsonPath s = await(() -> server(user, id), j -> j.getList("server.attachments").size() == 1,
                "the floating IP's port to be ACTIVE");
        assertEquals(address, s.getString("server.attachments[0].ipv4"));
        assertEquals("floating", s.getString("server.attachments[0].'OS-EXT-IPS:type'"));
        as(user).get(FIPS + "/" + fipId).then().body("floatingip.instance_id", equalTo(String.valueOf(id)));
        post(user, path, Map.of("addFloatingIp", Map.of("address", address))).then().statusCode(409);
        // another user's server cannot take it, and another user cannot remove it
        TestUser other = ComputeTestSupport.newUser();
        post(other, path, Map.of("removeFloatingIp", Map.of("address", address))).then().statusCode(404);

        post(user, path, Map.of("removeFloatingIp", Map.of("address", address))).then().statusCode(202);
        await(() -> server(user, id), j -> j.getList("server.attachments").isEmpty(), "the port to be removed");
        as(user).get(FIPS + "/" + fipId).then().statusCode(200).body("floatingip.instance_id", equalTo(null))
                .body("floatingip.port_id", equalTo(null));
        post(user, path, Map.of("removeFloatingIp", Map.of("address", address))).then().statusCode(400);
        as(user).delete(FIPS + "/" + fipId).then().statusCode(204);
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
    }

    /** Waits until nothing of the user's changes any more, and answers that moment. */
    private static Instant quietMoment(TestUser user) {
        return await(() -> {
            Instant now = Instant.now();
            int status = as(user).queryParam("changes-since", now.toString()).get("/compute/v2.0/servers")
                    .statusCode();
            return status == 304 ? now : null;
        }, now -> now != null, "the user's servers to stop changing");
    }

    /** The server as listed in {@code changes-since}, or null while the list does not have it. */
    private static Map<String, Object> changedServer(TestUser user, Instant since, long id) {
        var r = as(user).queryParam("changes-since", since.toString()).get("/compute/v2.0/servers/detail");
        if (r.statusCode() != 200) {
            return null;
        }
        List<Map<String, Object>> servers = r.jsonPath().getList("servers");
        return servers.stream().filter(s -> ((Number) s.get("id")).longValue() == id).findFirst().orElse(null);
    }

    @Test
    void attachingAndRemovingAPortMovesTheServersUpdated() {
        TestUser user = ComputeTestSupport.newUser();
        String network = privateNetwork(user, "10.0.6.0/28");
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        String updatedBefore = ComputeTestSupport.server(user, id).getString("server.updated");

        Instant beforeAttach = quietMoment(user);
        String port = net(user).body(Map.of("port", Map.of("network_id", network, "device_id", String.valueOf(id))))
                .post("/network/v2.0/ports").then().statusCode(201).extract().jsonPath().getString("port.id");
        Map<String, Object> attached = await(() -> changedServer(user, beforeAttach, id),
                s -> s != null && ((List<?>) s.get("attachments")).size() == 1, "the new NIC to show in changes-since");
        assertEquals("ACTIVE", attached.get("status"));
        assertFalse(OffsetDateTime.parse((String) attached.get("updated")).toInstant().isBefore(beforeAttach),
                attached.get("updated") + " is before " + beforeAttach);
        assertFalse(updatedBefore.equals(attached.get("updated")));

        Instant beforeRemoval = quietMoment(user);
        net(user).delete("/network/v2.0/ports/" + port).then().statusCode(204);
        Map<String, Object> removed = await(() -> changedServer(user, beforeRemoval, id),
                s -> s != null && ((List<?>) s.get("attachments")).isEmpty(), "the NIC's removal to show");
        assertFalse(OffsetDateTime.parse((String) removed.get("updated")).toInstant().isBefore(beforeRemoval));
        as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
    }

    /** Public networks are an administrator's: the test adds one to network-service's database as a deployment would. */
    private String ipv6OnlyPublicNetwork() throws Exception {
        String url = computeDatabase.replace("/service_under_test", "/network_service");
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres");
                PreparedStatement n = c.prepareStatement("INSERT INTO network (name, type, status, public, "
                        + "floating_ip_pool, created_at, updated_at) VALUES (?, 'IP_LESS_ROUTED', 'ACTIVE', TRUE, TRUE, "
                        + "now(), now()) RETURNING id");
                PreparedStatement s = c.prepareStatement("INSERT INTO subnet (network_id, name, ip_version, cidr, "
                        + "gateway_ip, enable_dhcp, created_at, updated_at) VALUES (?, 'public-v6', 6, "
                        + "'2001:db8:601::/64', NULL, TRUE, now(), now())")) {
            n.setString(1, "public-v6-" + UUID.randomUUID());
            long id;
            try (ResultSet rs = n.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            s.setLong(1, id);
            s.executeUpdate();
            return String.valueOf(id);
        }
    }

    @Test
    void aNicOnAPublicNetworkWithOnlyAnIpv6SubnetIsForbidden() throws Exception {
        TestUser user = ComputeTestSupport.newUser();
        String v6 = ipv6OnlyPublicNetwork();
        Map<String, Object> body = ComputeTestSupport.serverBody("snf-test-" + UUID.randomUUID(),
                ComputeTestSupport.SMALL, Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> server = (Map<String, Object>) body.get("server");
        server.put("networks", List.of(Map.of("uuid", v6)));
        post(user, "/compute/v2.0/servers", body).then().statusCode(403).body("forbidden.code", equalTo(403))
                .body("forbidden.message", equalTo("Cannot connect to IPv6 only public network " + v6));

        // with one of the user's floating IPs named: network-service refuses the port the same way
        JsonPath ip = as(user).post(FIPS).then().statusCode(200).extract().jsonPath();
        String address = ip.getString("floating_ip.ip");
        server.put("networks", List.of(Map.of("uuid", v6, "fixed_ip", address)));
        post(user, "/compute/v2.0/servers", body).then().statusCode(403).body("forbidden.code", equalTo(403));

        JsonPath ports = net(user).get("/network/v2.0/ports").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), ports.getList("ports"));
        as(user).get("/compute/v2.0/servers").then().statusCode(200).body("servers", equalTo(List.of()));
        assertEquals(0L, ComputeTestSupport.usage(user, "cyclades.vm"));
        as(user).get(FIPS + "/" + ip.getInt("floating_ip.id")).then().statusCode(200)
                .body("floatingip.port_id", equalTo(null));
        as(user).delete(FIPS + "/" + ip.getInt("floating_ip.id")).then().statusCode(204);
    }
}
