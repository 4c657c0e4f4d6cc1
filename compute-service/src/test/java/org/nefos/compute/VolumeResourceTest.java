package org.nefos.compute;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.post;
import static org.nefos.compute.VolumeTestSupport.ARCHIPELAGO;
import static org.nefos.compute.VolumeTestSupport.DRBD;
import static org.nefos.compute.VolumeTestSupport.GIB;
import static org.nefos.compute.VolumeTestSupport.VOLUMES;
import static org.nefos.compute.VolumeTestSupport.createVolume;
import static org.nefos.compute.VolumeTestSupport.disk;
import static org.nefos.compute.VolumeTestSupport.volume;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** The /volume/v2.0 contract for detached volumes and types: shapes, quota, faults and isolation. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class VolumeResourceTest {

    @Test
    void typesCarryTheirDiskTemplateAndOnlyExtTemplatesAreDetachable() {
        TestUser user = ComputeTestSupport.newUser();
        List<Map<String, Object>> types = as(user).get("/volume/v2.0/types").then().statusCode(200).extract()
                .jsonPath().getList("volume_types");
        assertEquals(4, types.size());
        Map<String, Boolean> detachable = new HashMap<>();
        types.forEach(t -> {
            assertEquals(t.get("name"), t.get("SNF:disk_template"));
            assertEquals(false, t.get("deleted"));
            detachable.put((String) t.get("name"), (Boolean) t.get("SNF:detachable"));
        });
        assertEquals(Map.of("drbd", false, "ext_archipelago", true, "ext_vlmc", true, "plain", false), detachable);
        as(user).get("/volume/v2.0/types/2").then().statusCode(200).body("volume_type.id", equalTo(2))
                .body("volume_type.name", equalTo("ext_archipelago"))
                .body("volume_type.'SNF:detachable'", equalTo(true));
        // mounted under /volume/v2 too
        as(user).get("/volume/v2/types/1").then().statusCode(200).body("volume_type.'SNF:detachable'",
                equalTo(false));
        as(user).get("/volume/v2.0/types/99").then().statusCode(404).body("itemNotFound.code", equalTo(404));
        RestAssured.given().get("/volume/v2.0/types").then().statusCode(401);
    }

    @Test
    void aDetachableVolumeIsAvailableAtOnceChargedAndReleasedWhenDeleted() {
        TestUser user = ComputeTestSupport.newUser();
        Instant before = Instant.now().minusSeconds(1);
        var created = post(user, VOLUMES, Map.of("volume", Map.of("size", 5, "display_name", "snf-test-stick",
                "volume_type", ARCHIPELAGO, "display_description", "usb"))).then().statusCode(202).extract()
                .jsonPath();
        // the short form, as upstream answers a create
        Map<String, Object> brief = created.getMap("volume");
        assertEquals(java.util.Set.of("id", "display_name", "links"), brief.keySet());
        long id = Long.parseLong(created.getString("volume.id"));
        assertEquals(5 * GIB, disk(user), "charged with the request");

        JsonPath v = volume(user, id);
        assertEquals("available", v.getString("volume.status"));
        assertEquals(Long.toString(id), v.getString("volume.id"));
        assertEquals(5, v.getInt("volume.size"));
        assertEquals(ARCHIPELAGO, v.getInt("volume.volume_type"));
        assertEquals("usb", v.getString("volume.display_description"));
        assertEquals(List.of(), v.getList("volume.attachments"));
        assertEquals(user.uuid(), v.getString("volume.user_id"));
        assertEquals(user.uuid(), v.getString("volume.tenant_id"));
        assertFalse(v.getBoolean("volume.deleted"));
        assertTrue(v.getBoolean("volume.delete_on_termination"));
        assertTrue(v.getString("volume.links[0].href").endsWith("/volume/v2.0/volumes/" + id));
        assertTrue(v.getString("volume.created_at").endsWith("+00:00"));

        as(user).get(VOLUMES).then().statusCode(200).body("volumes.id", hasItem(Long.toString(id)))
                .body("volumes[0].status", nullValue());
        as(user).get(VOLUMES + "/detail").then().statusCode(200).body("volumes[0].status", equalTo("available"));

        as(user).delete(VOLUMES + "/" + id).then().statusCode(202);
        assertEquals("deleted", VolumeTestSupport.status(user, id), "never on the backend: deleted at once");
        assertEquals(0, disk(user));
        assertTrue(volume(user, id).getBoolean("volume.deleted"));
        as(user).get(VOLUMES).then().body("volumes.size()", equalTo(0));
        // changes-since shows the deleted one
        as(user).queryParam("changes-since", before.toString()).get(VOLUMES + "/detail").then().statusCode(200)
                .body("volumes[0].status", equalTo("deleted"));
        as(user).delete(VOLUMES + "/" + id).then().statusCode(400).body("badRequest.code", equalTo(400));
    }

    @Test
    void badInputIsAFaultWithTheSpecStatusNeverA500() {
        TestUser user = ComputeTestSupport.newUser();
        for (Object size : List.of(0, -1, 201, "abc", 1.5, 99999999999L)) {
            post(user, VOLUMES, Map.of("volume", Map.of("size", size, "display_name", "x", "volume_type",
                    ARCHIPELAGO))).then().statusCode(400).body("badRequest.code", equalTo(400));
        }
        post(user, VOLUMES, Map.of("volume", Map.of("size", "3", "display_name", "numeric string",
                "volume_type", ARCHIPELAGO))).then().statusCode(202);
        post(user, VOLUMES, Map.of("volume", Map.of("size", 1, "volume_type", ARCHIPELAGO))).then().statusCode(400);
        post(user, VOLUMES, Map.of("volume", Map.of("size", 1, "display_name", "x"))).then().statusCode(400);
        post(user, VOLUMES, Map.of("volume", Map.of("size", 1, "display_name", "x", "volume_type", 99))).then()
                .statusCode(400).body("badRequest.message", equalTo("Volume type 99 not found."));
        post(user, VOLUMES, Map.of("volume", Map.of("size", 1, "display_name", "x", "volume_type", DRBD))).then()
                .statusCode(400).body("badRequest.message", equalTo("Volume type 'drbd' is not detachable."));
        post(user, VOLUMES, Map.of("volume", Map.of("size", 1, "display_name", "x", "volume_type", ARCHIPELAGO,
                "source_volid", "1"))).then().statusCode(400)
                .body("badRequest.message", equalTo("Cloning a volume is not supported"));
        post(user, VOLUMES, Map.of("volume", Map.of("size", 1, "display_name", "x", "server_id", 999999999)))
                .then().statusCode(400).body("badRequest.message", equalTo("Server 999999999 not found."));
        post(user, VOLUMES, Map.of("volume", Map.of("size", 1, "display_name", "x", "volume_type", ARCHIPELAGO,
                "project", "00000000-0000-4000-8000-000000000000"))).then().statusCode(400);
        post(user, VOLUMES, Map.of("volume", Map.of("size", 1, "display_name", "x".repeat(256), "volume_type",
                ARCHIPELAGO))).then().statusCode(400);
        post(user, VOLUMES, Map.of("volume", "no object")).then().statusCode(400);
        as(user).body("{\"volume\": {").contentType(ContentType.JSON).post(VOLUMES).then().statusCode(400);
        as(user).body("{}").post(VOLUMES).then().statusCode(400);
        as(user).get(VOLUMES + "/999999999").then().statusCode(404).body("itemNotFound.code", equalTo(404));
        as(user).queryParam("changes-since", "yesterday").get(VOLUMES).then().statusCode(400);
        // over the 40 GiB default: 413 at once, nothing charged, nothing created
        long before = disk(user);
        post(user, VOLUMES, Map.of("volume", Map.of("size", 41, "display_name", "too big", "volume_type",
                ARCHIPELAGO))).then().statusCode(413).body("overLimit.code", equalTo(413))
                .body("overLimit.message", not(equalTo("")));
        assertEquals(before, disk(user));
        assertEquals(1, as(user).get(VOLUMES).then().extract().jsonPath().getList("volumes").size());
    }

    @Test
    void anotherUsersVolumeIsAbsent() {
        TestUser owner = ComputeTestSupport.newUser();
        TestUser other = ComputeTestSupport.newUser();
        long id = createVolume(owner, 1, ARCHIPELAGO, null);
        as(other).get(VOLUMES + "/" + id).then().statusCode(404);
        as(other).delete(VOLUMES + "/" + id).then().statusCode(404);
        as(other).contentType(ContentType.JSON).body(Map.of("volume", Map.of("display_name", "mine")))
                .put(VOLUMES + "/" + id).then().statusCode(404);
        as(other).get(VOLUMES + "/" + id + "/metadata").then().statusCode(404);
        post(other, VOLUMES + "/" + id + "/action", Map.of("reassign", Map.of("project", other.uuid()))).then()
                .statusCode(404);
        as(other).get(VOLUMES).then().body("volumes.size()", equalTo(0));
        assertEquals("available", VolumeTestSupport.status(owner, id));
        assertEquals(1 * GIB, disk(owner));
        assertEquals(0, disk(other));
    }

    @Test
    void updateRenamesAndRefusesWhatUpstreamRefuses() {
        TestUser user = ComputeTestSupport.newUser();
        long id = createVolume(user, 1, ARCHIPELAGO, null);
        as(user).contentType(ContentType.JSON).body(Map.of("volume", Map.of("display_name", "renamed",
                "display_description", "d", "metadata", Map.of("ignored", "yes")))).put(VOLUMES + "/" + id).then()
                .statusCode(200).body("volume.display_name", equalTo("renamed"))
                .body("volume.display_description", equalTo("d")).body("volume.status", equalTo("available"));
        as(user).contentType(ContentType.JSON).body(Map.of("volume", Map.of())).put(VOLUMES + "/" + id).then()
                .statusCode(400).body("badRequest.message", equalTo("Nothing to update."));
        as(user).contentType(ContentType.JSON).body(Map.of("volume", Map.of("delete_on_termination", false)))
                .put(VOLUMES + "/" + id).then().statusCode(501).body("notImplemented.code", equalTo(501));
        as(user).contentType(ContentType.JSON).body(Map.of("volume", Map.of("delete_on_termination", "no")))
                .put(VOLUMES + "/" + id).then().statusCode(400);
    }

    @Test
    void metadataMergesReplacesAndDeletesWithinTheLimits() {
        TestUser user = ComputeTestSupport.newUser();
        long id = createVolume(user, 1, ARCHIPELAGO, null);
        String meta = VOLUMES + "/" + id + "/metadata";
        post(user, meta, Map.of("metadata", Map.of("a", "1", "b", "2"))).then().statusCode(200)
                .body("metadata", equalTo(Map.of("a", "1", "b", "2")));
        post(user, meta, Map.of("metadata", Map.of("c", "3"))).then().statusCode(200)
                .body("metadata", equalTo(Map.of("a", "1", "b", "2", "c", "3")));
        as(user).contentType(ContentType.JSON).body(Map.of("metadata", Map.of("z", "26"))).put(meta).then()
                .statusCode(200).body("metadata", equalTo(Map.of("z", "26")));
        as(user).get(meta).then().statusCode(200).body("metadata", equalTo(Map.of("z", "26")));
        assertEquals(Map.of("z", "26"), volume(user, id).getMap("volume.metadata"));
        as(user).delete(meta + "/z").then().statusCode(200);
        as(user).delete(meta + "/z").then().statusCode(400);
        Map<String, String> eleven = new HashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("k" + i, "v");
        }
        post(user, meta, Map.of("metadata", eleven)).then().statusCode(400);
        post(user, meta, Map.of("metadata", Map.of("k".repeat(65), "v"))).then().statusCode(400);
        post(user, meta, Map.of("metadata", Map.of("k", "v".repeat(256)))).then().statusCode(400);
        post(user, meta, Map.of("metadata", Map.of("k", 1))).then().statusCode(400);
        as(user).get(meta).then().body("metadata", equalTo(Map.of()));
    }

    @Test
    void reassignMovesTheVolumeAndItsChargeAtOnce() {
        TestUser user = ComputeTestSupport.newUser();
        String project = VolumeTestSupport.projectOwnedBy(user);
        long id = createVolume(user, 3, ARCHIPELAGO, null);
        String action = VOLUMES + "/" + id + "/action";
        post(user, action, Map.of("reassign", Map.of("project", project))).then().statusCode(200);
        assertEquals(project, volume(user, id).getString("volume.tenant_id"));
        assertEquals(0, disk(user));
        assertEquals(3 * GIB, VolumeTestSupport.usage(user, project, "cyclades.disk"));

        post(user, action, Map.of("reassign", Map.of("project", "00000000-0000-4000-8000-000000000000"))).then()
                .statusCode(400);
        post(user, action, Map.of("reassign", Map.of("project", user.uuid(), "shared_to_project", true))).then()
                .statusCode(403);
        post(user, action, Map.of("resize", Map.of())).then().statusCode(400);
        post(user, action, Map.of("reassign", Map.of())).then().statusCode(400);
        post(user, action, Map.of("reassign", Map.of("project", user.uuid()), "other", Map.of())).then()
                .statusCode(400);

        // deleting gives back to the project that holds it
        as(user).delete(VOLUMES + "/" + id).then().statusCode(202);
        assertEquals(0, VolumeTestSupport.usage(user, project, "cyclades.disk"));
        assertEquals(0, disk(user));
    }

    /** Block storage URLs answer a wrong method with a bare 405; Cyclades compute URLs with notAllowed JSON. */
    @Test
    void wrongMethodsGetA405BareOnVolumePathsAndNotAllowedOnComputePaths() {
        TestUser user = ComputeTestSupport.newUser();
        long id = createVolume(user, 1, ARCHIPELAGO, null);
        List<String> wrong = new java.util.ArrayList<>();
        for (List<String> probe : List.of(List.of("DELETE", VOLUMES), List.of("POST", VOLUMES + "/" + id),
                List.of("PUT", VOLUMES + "/detail"), List.of("GET", VOLUMES + "/" + id + "/action"),
                List.of("DELETE", VOLUMES + "/" + id + "/metadata"), List.of("POST", "/volume/v2.0/types"),
                List.of("PUT", "/volume/v2/types/1"), List.of("DELETE", "/volume/v2.0/snapshots"),
                List.of("POST", "/volume/v2.0"), List.of("PATCH", VOLUMES + "/" + id), List.of("PATCH", VOLUMES))) {
            var r = as(user).contentType(ContentType.JSON).body("{}").request(probe.get(0), probe.get(1));
            if (r.statusCode() != 405 || !r.asString().isEmpty() || r.header("Allow") == null) {
                wrong.add(probe + " -> " + r.statusCode() + " Allow: " + r.header("Allow") + " " + r.asString());
            }
        }
        assertEquals(List.of(), wrong, "bare 405s with Allow");
        as(user).put("/volume/v2.0/types/1").then().statusCode(405).header("Allow", "GET").body(equalTo(""));
        as(user).delete(VOLUMES).then().statusCode(405).header("Allow", "GET,POST");
        assertEquals("available", VolumeTestSupport.status(user, id), "nothing changed");
        // unknown paths stay 400
        for (String unknown : List.of("/volume/v2.0/nothing", VOLUMES + "/abc", VOLUMES + "/" + id + "/nothing")) {
            as(user).get(unknown).then().statusCode(400).body("badRequest.message", equalTo("API endpoint not found"));
        }

        as(user).put("/compute/v2.0/servers/1/os-volume_attachments").then().statusCode(405)
                .header("Allow", "GET,POST").body("notAllowed.code", equalTo(405));
        as(user).put("/compute/v2.0/flavors/detail").then().statusCode(405).header("Allow", "GET")
                .body("notAllowed.message", not(nullValue()));
    }

    @Test
    void versionDocumentsNeedNoToken() {
        RestAssured.given().get("/volume").then().statusCode(200).body("versions[0].id", equalTo("v2.0"));
        RestAssured.given().get("/volume/v2.0").then().statusCode(200).body("version.status", equalTo("CURRENT"));
    }
}
