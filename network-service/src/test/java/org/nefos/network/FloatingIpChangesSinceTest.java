package org.nefos.network;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.nefos.network.NetworkTestSupport.API;
import static org.nefos.network.NetworkTestSupport.as;
import static org.nefos.network.NetworkTestSupport.newUser;
import static org.nefos.network.NetworkTestSupport.post;
import static org.nefos.network.NetworkTestSupport.publicPool;
import static org.nefos.network.NetworkTestSupport.usage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * {@code changes-since} on the floating-IP list (cyclades-api.md 1.6, 4.5): allocations, attachments and
 * releases since the given time, a released floating IP reported with {@code deleted: true} although it is gone
 * everywhere else, 304 when nothing changed.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class FloatingIpChangesSinceTest {

    private static JsonPath changedSince(TestUser user, Instant since, String path) {
        return as(user).queryParam("changes-since", since.toString()).get(API + path).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String allocate(TestUser user, String pool) {
        return post(user, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", pool))).then()
                .statusCode(200).extract().jsonPath().getString("floatingip.id");
    }

    @Test
    void changesSinceReportsAllocatedAttachedAndReleasedFloatingIps() {
        TestUser user = newUser();
        String pool = publicPool(user);
        Instant before = Instant.now().minusSeconds(1);
        String kept = allocate(user, pool);
        String released = allocate(user, pool);
        JsonPath all = changedSince(user, before, "/floatingips");
        assertEquals(List.of(kept, released), all.getList("floatingips.id"));
        assertEquals(List.of(false, false), all.getList("floatingips.deleted"));

        Instant quiet = Instant.now();
        as(user).queryParam("changes-since", quiet.toString()).get(API + "/floatingips").then().statusCode(304);

        // attaching one to a port changes it (port_id), and only it
        String address = as(user).get(API + "/floatingips/" + kept).then().extract().jsonPath()
                .getString("floatingip.floating_ip_address");
        String port = post(user, "/ports", Map.of("port", Map.of("network_id", pool, "fixed_ips",
                List.of(Map.of("ip_address", address))))).then().statusCode(201).extract().jsonPath().getString("port.id");
        JsonPath attached = changedSince(user, quiet, "/floatingips/detail");
        assertEquals(List.of(kept), attached.getList("floatingips.id"));
        assertEquals(port, attached.getString("floatingips[0].port_id"));

        // releasing the other: gone from the plain list and from GET, reported as deleted since then
        Instant beforeRelease = Instant.now();
        as(user).delete(API + "/floatingips/" + released).then().statusCode(204);
        as(user).get(API + "/floatingips/" + released).then().statusCode(404);
        as(user).get(API + "/floatingips").then().statusCode(200).body("floatingips.id", equalTo(List.of(kept)));
        JsonPath gone = changedSince(user, beforeRelease, "/floatingips");
        assertEquals(List.of(released), gone.getList("floatingips.id"));
        assertEquals(true, gone.getBoolean("floatingips[0].deleted"));
        assertEquals(pool, gone.getString("floatingips[0].floating_network_id"));
        assertEquals(user.uuid(), gone.getString("floatingips[0].user_id"));
        assertNull(gone.get("floatingips[0].port_id"));
        assertNull(gone.get("floatingips[0].instance_id"));
        // the whole window: the live one and the tombstone, by id
        JsonPath window = changedSince(user, before, "/floatingips");
        assertEquals(List.of(kept, released), window.getList("floatingips.id"));
        assertEquals(List.of(false, true), window.getList("floatingips.deleted"));
        assertEquals(1L, usage(user, "cyclades.floating_ip"));

        // detaching (deleting the port) is a change too
        Instant beforeDetach = Instant.now();
        as(user).delete(API + "/ports/" + port).then().statusCode(204);
        JsonPath detached = changedSince(user, beforeDetach, "/floatingips");
        assertEquals(List.of(kept), detached.getList("floatingips.id"));
        assertNull(detached.get("floatingips[0].port_id"));

        // another user sees neither the live floating IP nor the tombstone
        TestUser other = newUser();
        as(other).queryParam("changes-since", before.toString()).get(API + "/floatingips").then().statusCode(304);

        as(user).delete(API + "/floatingips/" + kept).then().statusCode(204);
        assertEquals(0L, usage(user, "cyclades.floating_ip"));
    }

    @Test
    void aReleasedAddressCanBeAllocatedAgainAtOnce() {
        TestUser user = newUser();
        String pool = publicPool(user);
        JsonPath ip = post(user, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", pool))).then()
                .statusCode(200).extract().jsonPath();
        String address = ip.getString("floatingip.floating_ip_address");
        as(user).delete(API + "/floatingips/" + ip.getString("floatingip.id")).then().statusCode(204);
        // the tombstone keeps no hold on the address
        String again = post(user, "/floatingips", Map.of("floatingip", Map.of("floating_network_id", pool,
                "floating_ip_address", address))).then().statusCode(200)
                .body("floatingip.floating_ip_address", equalTo(address)).extract().jsonPath().getString("floatingip.id");
        as(user).delete(API + "/floatingips/" + again).then().statusCode(204);
    }

    @Test
    void badChangesSinceValuesAreBadRequests() {
        TestUser user = newUser();
        as(user).queryParam("changes-since", "yesterday").get(API + "/floatingips").then().statusCode(400)
                .body("badRequest.message", equalTo("Invalid changes-since parameter."));
        as(user).queryParam("changes-since", "2001-01-01T00:00:00Z").get(API + "/floatingips").then().statusCode(400)
                .body("badRequest.message", equalTo("Too old changes-since value."));
        as(user).queryParam("changes-since", Instant.now().plusSeconds(600).toString()).get(API + "/floatingips")
                .then().statusCode(400).body("badRequest.code", equalTo(400));
    }
}
