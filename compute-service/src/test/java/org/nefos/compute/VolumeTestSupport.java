package org.nefos.compute;

import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.post;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import org.nefos.testing.IdentityServer.TestUser;

/** Volumes, attachments and quota helpers shared by the block storage tests. */
final class VolumeTestSupport {

    static final String VOLUMES = "/volume/v2.0/volumes";
    static final long GIB = 1L << 30;
    /** Seeded volume types (V1__compute.sql). */
    static final int DRBD = 1;
    static final int ARCHIPELAGO = 2;

    private VolumeTestSupport() {
    }

    /** Creates a volume (202) and answers its id (a string on the wire, a number here). */
    static long createVolume(TestUser user, int size, Integer type, Long serverId) {
        Map<String, Object> v = new HashMap<>();
        v.put("size", size);
        v.put("display_name", "snf-test-" + UUID.randomUUID());
        if (type != null) {
            v.put("volume_type", type);
        }
        if (serverId != null) {
            v.put("server_id", serverId);
        }
        return Long.parseLong(post(user, VOLUMES, Map.of("volume", v)).then().statusCode(202).extract().jsonPath()
                .getString("volume.id"));
    }

    static JsonPath volume(TestUser user, long id) {
        return as(user).get(VOLUMES + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    static String status(TestUser user, long id) {
        return volume(user, id).getString("volume.status");
    }

    static JsonPath awaitVolume(TestUser user, long id, String status) {
        return ComputeTestSupport.await(() -> volume(user, id), v -> status.equals(v.getString("volume.status")),
                "volume " + id + " to reach " + status);
    }

    static long flavorId(TestUser user, String name) {
        return ServerLifecycleTest.flavorId(user, name);
    }

    /** An ACTIVE server of the smallest flavor with the given disk template. */
    static long activeServer(TestUser user, String template) {
        return ComputeTestSupport.createActive(user, (int) flavorId(user, "C1R1024D10" + template));
    }

    static long usage(TestUser user, String project, String resource) {
        return ServerReassignProjectsTest.usage(user, project, resource);
    }

    static long disk(TestUser user) {
        return usage(user, user.uuid(), "cyclades.disk");
    }

    static void awaitDisk(TestUser user, long bytes) {
        ComputeTestSupport.await(() -> disk(user), u -> u == bytes, "cyclades.disk usage " + bytes);
    }

    /** A project owned by {@code user} with {@code user} enrolled and room for disks. */
    static String projectOwnedBy(TestUser user) {
        return ServerReassignProjectsTest.projectOwnedBy(user);
    }
}
