package org.nefos.compute;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.post;
import static org.nefos.compute.VolumeTestSupport.ARCHIPELAGO;
import static org.nefos.compute.VolumeTestSupport.VOLUMES;
import static org.nefos.compute.VolumeTestSupport.activeServer;

import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Snapshots (V14–V22): CREATING until the backend job ends, then AVAILABLE; rules, metadata and isolation. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class SnapshotResourceTest {

    static final String SNAPSHOTS = "/volume/v2.0/snapshots";

    private static JsonPath snapshot(TestUser user, String id) {
        return as(user).get(SNAPSHOTS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSnapshotOfARootVolumeBecomesAvailableAndCanSeedAVolume() {
        TestUser user = ComputeTestSupport.newUser();
        long server = activeServer(user, "ext_archipelago");
        String root = ComputeTestSupport.server(user, server).getString("server.volumes[0]");
        JsonPath created = post(user, SNAPSHOTS, Map.of("snapshot", Map.of("volume_id", root))).then()
                .statusCode(202).extract().jsonPath();
        String id = created.getString("snapshot.id");
        assertEquals("CREATING", created.getString("snapshot.status"));
        assertEquals(0, created.getInt("snapshot.'os-extended-snapshot-attribute:progress'"));
        assertEquals("Snapshot of volume '" + root + "'", created.getString("snapshot.display_name"));
        assertEquals(root, created.getString("snapshot.volume_id"));
        assertEquals(10, created.getInt("snapshot.size"));
        assertEquals(user.uuid(), created.getString("snapshot.user_id"));

        JsonPath s = ComputeTestSupport.await(() -> snapshot(user, id),
                j -> "AVAILABLE".equals(j.getString("snapshot.status")), "snapshot " + id + " AVAILABLE");
        assertEquals("100%", s.getString("snapshot.'os-extended-snapshot-attribute:progress'"));
        assertEquals(Map.of(), s.getMap("snapshot.metadata"));
        as(user).get(SNAPSHOTS).then().statusCode(200).body("snapshots.id", hasItem(id));
        as(user).get(SNAPSHOTS + "/detail").then().statusCode(200).body("snapshots.id", hasItem(id));
        as(user).get("/volume/v2/snapshots/" + id).then().statusCode(200);
        assertEquals("in_use", VolumeTestSupport.status(user, Long.parseLong(root)), "the volume is unchanged");

        // a volume from the snapshot: at least as large as it
        post(user, VOLUMES, Map.of("volume", Map.of("size", 5, "display_name", "small", "volume_type", ARCHIPELAGO,
                "snapshot_id", id))).then().statusCode(400);
        long copy = Long.parseLong(post(user, VOLUMES, Map.of("volume", Map.of("size", 10, "display_name", "copy",
                "volume_type", ARCHIPELAGO, "snapshot_id", id))).then().statusCode(202).extract().jsonPath()
                .getString("volume.id"));
        JsonPath v = VolumeTestSupport.volume(user, copy);
        assertEquals("available", v.getString("volume.status"));
        assertEquals(id, v.getString("volume.snapshot_id"));
        post(user, VOLUMES, Map.of("volume", Map.of("size", 10, "display_name", "both", "volume_type", ARCHIPELAGO,
                "snapshot_id", id, "imageRef", ComputeTestSupport.debian()))).then().statusCode(400);
        post(user, VOLUMES, Map.of("volume", Map.of("size", 10, "display_name", "from image", "volume_type",
                ARCHIPELAGO, "imageRef", ComputeTestSupport.debian()))).then().statusCode(202);

        // update, metadata, delete
        as(user).contentType(ContentType.JSON).body(Map.of("snapshot", Map.of("display_name", "nightly")))
                .put(SNAPSHOTS + "/" + id).then().statusCode(200).body("snapshot.display_name", equalTo("nightly"));
        as(user).contentType(ContentType.JSON).body(Map.of("snapshot", Map.of())).put(SNAPSHOTS + "/" + id).then()
                .statusCode(400);
        post(user, SNAPSHOTS + "/" + id + "/metadata", Map.of("metadata", Map.of("a", "1"))).then().statusCode(200)
                .body("metadata", equalTo(Map.of("a", "1")));
        as(user).contentType(ContentType.JSON).body(Map.of("metadata", Map.of("b", "2")))
                .put(SNAPSHOTS + "/" + id + "/metadata").then().statusCode(200).body("metadata", equalTo(Map.of("b",
                        "2")));
        as(user).get(SNAPSHOTS + "/" + id + "/metadata").then().statusCode(200).body("metadata", equalTo(Map.of("b",
                "2")));
        as(user).delete(SNAPSHOTS + "/" + id + "/metadata/b").then().statusCode(200);
        as(user).delete(SNAPSHOTS + "/" + id + "/metadata/b").then().statusCode(400);
        as(user).delete(SNAPSHOTS + "/" + id).then().statusCode(202);
        as(user).get(SNAPSHOTS + "/" + id).then().statusCode(404).body("itemNotFound.code", equalTo(404));
    }

    @Test
    void onlyAttachedExtVolumesOfTheCallerCanBeSnapshotted() {
        TestUser user = ComputeTestSupport.newUser();
        TestUser other = ComputeTestSupport.newUser();
        long detached = VolumeTestSupport.createVolume(user, 1, ARCHIPELAGO, null);
        post(user, SNAPSHOTS, Map.of("snapshot", Map.of("volume_id", detached))).then().statusCode(400);
        long drbd = activeServer(user, "drbd");
        long drbdRoot = ComputeTestSupport.server(user, drbd).getLong("server.volumes[0]");
        post(user, SNAPSHOTS, Map.of("snapshot", Map.of("volume_id", drbdRoot))).then().statusCode(400);
        post(user, SNAPSHOTS, Map.of("snapshot", Map.of("volume_id", 999999999))).then().statusCode(400);
        post(user, SNAPSHOTS, Map.of("snapshot", Map.of())).then().statusCode(400);
        post(user, SNAPSHOTS, Map.of("snapshot", Map.of("volume_id", drbdRoot, "display_name", "x".repeat(256))))
                .then().statusCode(400);

        long ext = activeServer(user, "ext_archipelago");
        String root = ComputeTestSupport.server(user, ext).getString("server.volumes[0]");
        post(other, SNAPSHOTS, Map.of("snapshot", Map.of("volume_id", root))).then().statusCode(400);
        String id = post(user, SNAPSHOTS, Map.of("snapshot", Map.of("volume_id", root, "display_name", "mine")))
                .then().statusCode(202).extract().jsonPath().getString("snapshot.id");
        as(other).get(SNAPSHOTS + "/" + id).then().statusCode(404);
        as(other).delete(SNAPSHOTS + "/" + id).then().statusCode(404);
        as(other).get(SNAPSHOTS).then().statusCode(200).body("snapshots.size()", equalTo(0));
        as(user).get(SNAPSHOTS + "/no-such-snapshot").then().statusCode(404);
    }
}
