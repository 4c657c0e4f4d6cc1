package org.nefos.network;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.network.NetworkTestSupport.API;
import static org.nefos.network.NetworkTestSupport.as;
import static org.nefos.network.NetworkTestSupport.await;
import static org.nefos.network.NetworkTestSupport.createNetwork;
import static org.nefos.network.NetworkTestSupport.createSubnet;
import static org.nefos.network.NetworkTestSupport.newUser;
import static org.nefos.network.NetworkTestSupport.post;
import static org.nefos.network.NetworkTestSupport.publicPool;
import static org.nefos.network.NetworkTestSupport.publish;
import static org.nefos.network.NetworkTestSupport.records;
import static org.nefos.network.NetworkTestSupport.type;

import java.nio.charset.StandardCharsets;
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
 * Ports follow their server through real compute events on Kafka (cyclades-api.md 6.4): BUILD → ACTIVE
 * when the build completes, DOWN when it stops, ACTIVE again on start, removed when it is deleted; every
 * change is published on network.port.events.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class PortLifecycleTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static long newServerId() {
        return ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000);
    }

    private void started(TestUser user, long server) throws Exception {
        publish(bootstrap, EventCatalog.SERVER_CREATE_STARTED, server, new ServerCreateStarted(server, user.uuid(),
                user.uuid(), "snf-test", 1, "img", 1, null, "BUILD", 1, Instant.now()));
    }

    private void changed(TestUser user, long server, String change, String from, String to, long sequence)
            throws Exception {
        var type = switch (change) {
            case "create" -> EventCatalog.SERVER_CREATE_COMPLETED;
            case "error" -> EventCatalog.SERVER_CREATE_FAILED;
            case "delete" -> EventCatalog.SERVER_DELETED;
            default -> EventCatalog.SERVER_UPDATED;
        };
        publish(bootstrap, type, server, new ServerStatusChanged(server, user.uuid(), user.uuid(), change, from, to,
                null, sequence, Instant.now()));
    }

    private JsonPath awaitPort(TestUser user, String port, String status) {
        return await(() -> as(user).get(API + "/ports/" + port).then().extract().jsonPath(),
                p -> status.equals(p.getString("port.status")), "port " + port + " to be " + status);
    }

    @Test
    void attachedPortsFollowTheServerAndAreRemovedWithIt() throws Exception {
        TestUser user = newUser();
        long server = newServerId();
        String net = createNetwork(user);
        createSubnet(user, net, "10.0.1.0/28");
        started(user, server);
        JsonPath created = post(user, "/ports", Map.of("port", Map.of("network_id", net,
                "device_id", String.valueOf(server)))).then().statusCode(201).extract().jsonPath();
        String port = created.getString("port.id");
        assertEquals(String.valueOf(server), created.getString("port.device_id"));
        assertEquals("vm", created.getString("port.device_owner"));
        assertTrue(List.of("BUILD").contains(created.getString("port.status")));
        org.junit.jupiter.api.Assertions.assertNull(created.get("port.mac_address"));

        String ip = post(user, "/floatingips", Map.of("floatingip", Map.of())).then().statusCode(200).extract()
                .jsonPath().getString("floatingip.floating_ip_address");
        String publicPort = post(user, "/ports", Map.of("port", Map.of("network_id", publicPool(user),
                "device_id", server, "fixed_ips", List.of(Map.of("ip_address", ip))))).then().statusCode(201)
                .extract().jsonPath().getString("port.id");

        changed(user, server, "create", "BUILD", "ACTIVE", 2);
        JsonPath active = awaitPort(user, port, "ACTIVE");
        assertTrue(active.getString("port.mac_address").matches("aa:00(:[0-9a-f]{2}){4}"));
        awaitPort(user, publicPort, "ACTIVE");
        as(user).get(API + "/floatingips").then().body("floatingips[0].instance_id", equalTo(String.valueOf(server)));

        changed(user, server, "shutdown", "ACTIVE", "STOPPED", 3);
        awaitPort(user, port, "DOWN");
        changed(user, server, "start", "STOPPED", "ACTIVE", 4);
        awaitPort(user, port, "ACTIVE");
        // a redelivered (stale) stop changes nothing
        changed(user, server, "shutdown", "ACTIVE", "STOPPED", 3);

        changed(user, server, "delete", "ACTIVE", "DELETED", 5);
        await(() -> as(user).get(API + "/ports/" + port).statusCode(), s -> s == 404, "port " + port + " removed");
        await(() -> as(user).get(API + "/ports/" + publicPort).statusCode(), s -> s == 404, "public port removed");
        as(user).get(API + "/floatingips").then().body("floatingips[0].port_id", nullValue())
                .body("floatingips[0].instance_id", nullValue());
        // the private address went back to the pool
        post(user, "/ports", Map.of("port", Map.of("network_id", net))).then().statusCode(201)
                .body("port.fixed_ips[0].ip_address", equalTo("10.0.1.1"));

        List<String> expected = List.of("create", "activate", "down", "activate", "delete");
        var events = records(bootstrap, Topics.NETWORK_PORT_EVENTS, port, found -> found.size() >= expected.size());
        List<String> changes = events.stream().map(r -> read(r.value()).change()).toList();
        assertEquals(expected, changes);
        assertEquals(EventCatalog.PORT_CREATED.type(), type(events.get(0)));
        assertEquals(EventCatalog.PORT_UPDATED.type(), type(events.get(1)));
        assertEquals(EventCatalog.PORT_DELETED.type(), type(events.get(4)));
        PortChanged activated = read(events.get(1).value());
        assertEquals("BUILD", activated.oldStatus());
        assertEquals("ACTIVE", activated.newStatus());
        assertEquals(String.valueOf(server), activated.deviceId());
        assertEquals("10.0.1.1", activated.fixedIps().get(0).ipAddress());
        assertTrue(read(events.get(4).value()).sequence() > activated.sequence());
    }

    @Test
    void aFailedBuildPutsPortsInErrorAndPortsWithoutDeviceStayDown() throws Exception {
        TestUser user = newUser();
        long server = newServerId();
        String net = createNetwork(user);
        started(user, server);
        String port = post(user, "/ports", Map.of("port", Map.of("network_id", net, "device_id", server)))
                .then().statusCode(201).body("port.fixed_ips", equalTo(List.of())).extract().jsonPath()
                .getString("port.id");
        String loose = post(user, "/ports", Map.of("port", Map.of("network_id", net))).then().statusCode(201)
                .body("port.status", equalTo("DOWN")).extract().jsonPath().getString("port.id");
        changed(user, server, "error", "BUILD", "ERROR", 2);
        awaitPort(user, port, "ERROR");
        as(user).get(API + "/ports/" + loose).then().body("port.status", equalTo("DOWN"));
        as(user).delete(API + "/ports/" + port).then().statusCode(204);
    }

    @Test
    void anotherUsersServerCannotBeADevice() throws Exception {
        TestUser owner = newUser();
        TestUser other = newUser();
        long server = newServerId();
        started(owner, server);
        String net = createNetwork(other);
        // once network-service knows the server, another user attaching to it gets 404
        await(() -> post(other, "/ports", Map.of("port", Map.of("network_id", net, "device_id", server))).statusCode(),
                s -> s == 404, "server " + server + " known to network-service");
    }

    private static PortChanged read(byte[] value) {
        try {
            return EventJson.mapper().readValue(new String(value, StandardCharsets.UTF_8), PortChanged.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
