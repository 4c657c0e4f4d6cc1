package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
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

/**
 * Issue 6's "USB stick" walk through the gateway: a volume created on one server, detached, attached to a
 * second server, with the {@code cyclades.disk} quota of a fresh user checked at every step.
 */
@ExtendWith(SystemStackExtension.class)
class VolumesThroughGatewayIT {

    private static final long GIB = 1L << 30;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Only ext_* disk templates are detachable; the smallest such flavor has a 10 GiB root disk. */
    private static final String DETACHABLE_FLAVOR = "C1R1024D10ext_archipelago";

    private final SystemStack stack;

    VolumesThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    @Test
    void aUsbStickMovesFromOneServerToAnotherWithTheDiskQuotaRightAtEveryStep() {
        JsonPath created = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", "stick-" + UUID.randomUUID() + "@example.org")))
                .post("/identity/v2.0/users").then().statusCode(200).extract().jsonPath();
        String user = created.getString("user.id");
        String token = created.getString("user.auth_token");
        long start = disk(token, user);
        assertEquals(0, start, "a new user's system project holds no disk yet");

        Object flavor = as(token).get("/compute/v2.0/flavors/detail").then().statusCode(200).extract().jsonPath()
                .getList("flavors", Map.class).stream().filter(f -> DETACHABLE_FLAVOR.equals(f.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no flavor " + DETACHABLE_FLAVOR)).get("id");
        String image = as(token).get("/compute/v2.0/images").then().statusCode(200).extract().jsonPath()
                .getString("images[0].id");
        long one = activeServer(token, flavor, image);
        long two = activeServer(token, flavor, image);
        assertEquals(start + 20 * GIB, disk(token, user), "two root disks of 10 GiB");

        String stick = as(token).contentType(ContentType.JSON)
                .body(Map.of("volume", Map.of("size", 2, "display_name", "stick-" + UUID.randomUUID(),
                        "server_id", one)))
                .post("/volume/v2.0/volumes").then().statusCode(202).extract().jsonPath().getString("volume.id");
        assertEquals(start + 22 * GIB, disk(token, user), "charged when the create is accepted");
        as(token).patch("/volume/v2.0/volumes/" + stick).then().statusCode(405).body(equalTo(""));
        JsonPath inUse = awaitVolume(token, stick, "in_use");
        assertEquals(one, inUse.getLong("volume.attachments[0].server_id"));
        assertEquals(2, attachments(token, one).size(), "the root disk and the stick");
        assertEquals(start + 22 * GIB, disk(token, user));

        as(token).delete("/compute/v2.0/servers/" + one + "/os-volume_attachments/" + stick).then().statusCode(202);
        assertEquals("detaching", volume(token, stick).getString("volume.status"), "detaching right after the 202");
        JsonPath available = awaitVolume(token, stick, "available");
        assertEquals(List.of(), available.getList("volume.attachments"));
        assertEquals(1, attachments(token, one).size());
        assertEquals(start + 22 * GIB, disk(token, user), "a detached volume is still charged");

        as(token).contentType(ContentType.JSON).body(Map.of("volumeAttachment", Map.of("volumeId", stick)))
                .post("/compute/v2.0/servers/" + two + "/os-volume_attachments").then().statusCode(202);
        assertEquals("attaching", volume(token, stick).getString("volume.status"), "attaching right after the 202");
        JsonPath moved = awaitVolume(token, stick, "in_use");
        assertEquals(two, moved.getLong("volume.attachments[0].server_id"));
        assertEquals(2, attachments(token, two).size());
        assertTrue(server(token, two).getList("server.volumes").stream().map(String::valueOf).toList().contains(stick),
                "the stick in the second server's view");
        assertEquals(start + 22 * GIB, disk(token, user));

        as(token).delete("/volume/v2.0/volumes/" + stick).then().statusCode(202);
        awaitVolume(token, stick, "deleted");
        Poll.until(() -> disk(token, user), d -> d == start + 20 * GIB, WAIT, "the stick's 2 GiB given back");
        for (long server : List.of(one, two)) {
            as(token).delete("/compute/v2.0/servers/" + server).then().statusCode(204);
        }
        for (long server : List.of(one, two)) {
            Poll.until(() -> as(token).get("/compute/v2.0/servers/" + server).then().extract().response(),
                    r -> r.statusCode() == 404 || "DELETED".equals(r.jsonPath().getString("server.status")), WAIT,
                    "server " + server + " deleted");
        }
        Poll.until(() -> disk(token, user), d -> d == start, WAIT, "the root disks given back");
    }

    private RequestSpecification as(String token) {
        return given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", token);
    }

    /** The usage of {@code cyclades.disk} in the user's system project, whose key is the user's uuid. */
    private long disk(String token, String user) {
        JsonPath quotas = as(token).get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath();
        Object usage = quotas.get("'" + user + "'.'cyclades.disk'.usage");
        if (usage == null) {
            throw new AssertionError("no cyclades.disk in the system project of " + user + ": " + quotas.prettify());
        }
        return ((Number) usage).longValue();
    }

    private long activeServer(String token, Object flavor, String image) {
        long id = as(token).contentType(ContentType.JSON)
                .body(Map.of("server", Map.of("name", "stick-host-" + UUID.randomUUID(), "flavorRef", flavor,
                        "imageRef", image)))
                .post("/compute/v2.0/servers").then().statusCode(202).extract().jsonPath().getLong("server.id");
        Poll.until(() -> server(token, id), s -> "ACTIVE".equals(s.getString("server.status"))
                && "".equals(s.getString("server.'SNF:task_state'")), WAIT, "server " + id + " ACTIVE");
        return id;
    }

    private JsonPath server(String token, long id) {
        return as(token).get("/compute/v2.0/servers/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath volume(String token, String id) {
        return as(token).get("/volume/v2.0/volumes/" + id).then().statusCode(200).extract().jsonPath();
    }

    private JsonPath awaitVolume(String token, String id, String status) {
        return Poll.until(() -> volume(token, id), v -> status.equals(v.getString("volume.status")), WAIT,
                "volume " + id + " " + status);
    }

    private List<Object> attachments(String token, long server) {
        return as(token).get("/compute/v2.0/servers/" + server + "/os-volume_attachments").then().statusCode(200)
                .extract().jsonPath().getList("volumeAttachments");
    }
}
