package org.nefos.compute;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.post;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ImageServer;
import org.nefos.testing.ServiceStackResource;

/**
 * compute's image view over the real image-service (cyclades-api.md 2.11, 3.4): a user's own private image
 * registered on Plankton shows up, its metadata changes reach image-service, it is invisible to others, and a
 * delete through compute unregisters it.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class ImageViewTest {

    private static final String IMAGES = "/compute/v2.0/images";

    @Test
    void aUsersPrivateImageIsListedWithItsPropertiesAndStatus() {
        TestUser user = ComputeTestSupport.newUser();
        String id = register(user, "mine-" + UUID.randomUUID());

        JsonPath detail = as(user).get(IMAGES + "/detail").then().statusCode(200).extract().jsonPath();
        Map<String, Object> image = detail.getMap("images.find { it.id == '" + id + "' }");
        assertEquals("ACTIVE", image.get("status"));
        assertEquals(100, image.get("progress"));
        assertEquals(user.uuid(), image.get("user_id"));
        assertEquals(user.uuid(), image.get("tenant_id"));
        assertEquals(Boolean.FALSE, image.get("public"));
        assertEquals(Boolean.FALSE, image.get("is_snapshot"));
        assertEquals(Map.of("osfamily", "linux", "root_partition", "1", "os", "debian"), image.get("metadata"));
        List<String> ids = detail.getList("images.id");
        assertTrue(ids.contains(ComputeTestSupport.debian()), "the public image too: " + ids);
        assertEquals(ids.stream().sorted().toList(), ids, "sorted by id");
        assertEquals(ids, as(user).get(IMAGES).then().statusCode(200).extract().jsonPath().getList("images.id"));
        as(user).get(IMAGES + "/" + id).then().statusCode(200).body("image.id", equalTo(id))
                .body("image.metadata.os", equalTo("debian")).body("image.links.size()", equalTo(3));
    }

    @Test
    void metadataChangesThroughComputeReachImageService() {
        TestUser user = ComputeTestSupport.newUser();
        String id = register(user, "meta-" + UUID.randomUUID());
        String path = IMAGES + "/" + id + "/metadata";

        post(user, path, Map.of("metadata", Map.of("users", "admin"))).then().statusCode(201)
                .body("metadata.users", equalTo("admin")).body("metadata.os", equalTo("debian"));
        as(user).contentType("application/json").body(Map.of("meta", Map.of("kernel", "6.1")))
                .put(path + "/kernel").then().statusCode(201).body("meta.kernel", equalTo("6.1"));
        as(user).delete(path + "/os").then().statusCode(204);
        as(user).get(path + "/os").then().statusCode(404);

        // the registry itself holds the new properties
        given().baseUri(ServiceStackResource.image().url()).header("X-Auth-Token", user.token())
                .head("/image/v1.0/images/" + id).then().statusCode(200)
                .header("x-image-meta-property-users", "admin").header("x-image-meta-property-kernel", "6.1")
                .header("x-image-meta-property-os", org.hamcrest.Matchers.nullValue());
        as(user).get(path).then().statusCode(200)
                .body("metadata", equalTo(Map.of("osfamily", "linux", "root_partition", "1", "users", "admin",
                        "kernel", "6.1")));
    }

    @Test
    void anotherUsersPrivateImageIsInvisibleAndCannotBeBootedOrChanged() {
        TestUser owner = ComputeTestSupport.newUser();
        TestUser other = ComputeTestSupport.newUser();
        String id = register(owner, "private-" + UUID.randomUUID());

        assertFalse(as(other).get(IMAGES + "/detail").then().statusCode(200).extract().jsonPath()
                .getList("images.id").contains(id));
        as(other).get(IMAGES + "/" + id).then().statusCode(404).body("itemNotFound.code", equalTo(404));
        post(other, IMAGES + "/" + id + "/metadata", Map.of("metadata", Map.of("x", "y"))).then().statusCode(404);
        as(other).delete(IMAGES + "/" + id).then().statusCode(404);
        post(other, "/compute/v2.0/servers", Map.of("server", Map.of("name", "n", "imageRef", id,
                "flavorRef", ComputeTestSupport.SMALL))).then().statusCode(404)
                .body("itemNotFound.message", equalTo("Image " + id + " not found."));
        as(owner).get(IMAGES + "/" + id).then().statusCode(200);
    }

    @Test
    void theOwnerBootsItAndDeletingItThroughComputeUnregistersIt() {
        TestUser user = ComputeTestSupport.newUser();
        String id = register(user, "boot-" + UUID.randomUUID());
        long server = post(user, "/compute/v2.0/servers", Map.of("server", Map.of("name", "from-mine",
                "imageRef", id, "flavorRef", ComputeTestSupport.SMALL))).then().statusCode(202).extract().jsonPath()
                .getLong("server.id");
        ComputeTestSupport.awaitStatus(user, server, "ACTIVE");
        assertEquals(id, ComputeTestSupport.server(user, server).getString("server.image.id"));

        as(user).delete(IMAGES + "/" + id).then().statusCode(204);
        as(user).get(IMAGES + "/" + id).then().statusCode(404);
        given().baseUri(ServiceStackResource.image().url()).header("X-Auth-Token", user.token())
                .head("/image/v1.0/images/" + id).then().statusCode(404);
        as(user).delete("/compute/v2.0/servers/" + server).then().statusCode(204);
    }

    /** Uploads a small object as {@code user} and registers it, private, on image-service; answers its id. */
    static String register(TestUser user, String container) {
        ImageServer images = ServiceStackResource.image();
        String object = "/object-store/v1/" + user.uuid() + "/" + container + "/disk.diskdump";
        given().baseUri(images.storageUrl()).header("X-Auth-Token", user.token())
                .put("/object-store/v1/" + user.uuid() + "/" + container).then().statusCode(201);
        given().baseUri(images.storageUrl()).header("X-Auth-Token", user.token())
                .contentType("application/octet-stream").body(new byte[8192]).put(object).then().statusCode(201);
        return given().baseUri(images.url()).header("X-Auth-Token", user.token())
                .header("X-Image-Meta-Name", "Disk%20of%20" + container)
                .header("X-Image-Meta-Location", "pithos://" + user.uuid() + "/" + container + "/disk.diskdump")
                .header("X-Image-Meta-Property-OSFAMILY", "linux").header("X-Image-Meta-Property-ROOT_PARTITION", "1")
                .header("X-Image-Meta-Property-OS", "debian")
                .post("/image/v1.0/images/").then().statusCode(200).extract().header("x-image-meta-id");
    }
}
