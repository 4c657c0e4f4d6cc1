package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kamaki's {@code image register} through the gateway (pithos-plankton-api.md 7.4): the file goes up to Pithos,
 * is registered on Plankton, its {@code .meta} JSON is stored next to it with the same sharing; then the user's
 * images are listed (on Plankton and in compute's image view), and the image is unregistered and its files
 * deleted.
 */
@ExtendWith(SystemStackExtension.class)
class ImagesThroughGatewayIT {

    private static final String IMAGES = "/image/v1.0/images";

    private final SystemStack stack;

    ImagesThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    /** Content types go out exactly as given, as kamaki sends them. */
    private RequestSpecification demo() {
        return given().config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig
                        .encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken);
    }

    @Test
    void registerListAndUnregisterAnImageLikeKamaki() {
        String container = "images-" + UUID.randomUUID();
        String objectPath = "/object-store/v1/" + SystemStack.DEMO_UUID + "/" + container + "/debian_custom.diskdump";
        String metaPath = objectPath + ".meta";
        String location = "pithos://" + SystemStack.DEMO_UUID + "/" + container + "/debian_custom.diskdump";
        byte[] data = new byte[300 * 1024 + 17];
        new Random(11).nextBytes(data);

        // kamaki: the object must not exist yet, upload it, then make sure there is no .meta
        demo().put("/object-store/v1/" + SystemStack.DEMO_UUID + "/" + container).then().statusCode(201);
        demo().head(objectPath).then().statusCode(404);
        demo().contentType("application/octet-stream").body(data).put(objectPath).then().statusCode(201);
        String hash = demo().head(objectPath).then().statusCode(200).extract().header("X-Object-Hash");
        demo().head(metaPath).then().statusCode(404);

        Response registered = demo().header("X-Image-Meta-Name", "My%20Debian%20%CE%B4")
                .header("X-Image-Meta-Location", location)
                .header("X-Image-Meta-Disk-Format", "diskdump")
                .header("X-Image-Meta-Container-Format", "bare")
                .header("X-Image-Meta-Property-OSFAMILY", "linux")
                .header("X-Image-Meta-Property-ROOT_PARTITION", "1")
                .header("X-Image-Meta-Property-USERS", "root")
                .post(IMAGES + "/").then().statusCode(200).extract().response();
        String id = registered.header("x-image-meta-id");
        assertEquals(location, registered.header("x-image-meta-location"));
        assertEquals("My%20Debian%20%CE%B4", registered.header("x-image-meta-name"));
        assertEquals(Integer.toString(data.length), registered.header("x-image-meta-size"));
        assertEquals(hash, registered.header("x-image-meta-checksum"), "checksum is the object's Merkle hash");
        assertEquals("False", registered.header("x-image-meta-is-public"));
        assertEquals("AVAILABLE", registered.header("x-image-meta-status"));
        assertEquals(SystemStack.DEMO_UUID, registered.header("x-image-meta-owner"));
        assertEquals("linux", registered.header("x-image-meta-property-osfamily"));
        assertEquals("1", registered.header("x-image-meta-property-root-partition"));

        // kamaki stores the register reply as <object>.meta with the image object's sharing
        String sharing = demo().head(objectPath).then().statusCode(200).extract().header("X-Object-Sharing");
        assertEquals("read=" + SystemStack.DEMO_UUID, sharing, "registering sets the read list to the owner");
        Map<String, Object> meta = Map.of("id", id, "name", "My Debian \u03b4", "location", location,
                "status", "AVAILABLE", "owner", SystemStack.DEMO_UUID,
                "properties", Map.of("osfamily", "linux", "root_partition", "1", "users", "root"));
        demo().contentType("application/json").header("X-Object-Sharing", sharing).body(meta).put(metaPath)
                .then().statusCode(201);
        demo().get(metaPath).then().statusCode(200).body("id", equalTo(id));

        // "my images": the detailed list filtered on the owner, as kamaki's image list --owner does
        List<Map<String, Object>> detail = demo().queryParam("sort_dir", "asc").get(IMAGES + "/detail")
                .then().statusCode(200).extract().jsonPath().getList("images");
        List<Map<String, Object>> mine = detail.stream().filter(i -> SystemStack.DEMO_UUID.equals(i.get("owner")))
                .toList();
        Map<String, Object> image = mine.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow(
                () -> new AssertionError(id + " not in " + mine));
        assertEquals("My Debian \u03b4", image.get("name"));
        assertEquals(location, image.get("location"));
        assertEquals(data.length, ((Number) image.get("size")).intValue());
        assertEquals(Boolean.FALSE, image.get("is_public"));
        assertEquals(Boolean.FALSE, image.get("is_snapshot"));
        assertEquals(Map.of("osfamily", "linux", "root_partition", "1", "users", "root"), image.get("properties"));
        assertEquals(image.get("created_at"), image.get("updated_at"));
        assertTrue(detail.stream().anyMatch(i -> stack.publicImageId().equals(i.get("id"))
                && SystemStack.SYSTEM_UUID.equals(i.get("owner")) && Boolean.TRUE.equals(i.get("is_public"))),
                "the seeded public image is listed too: " + detail);
        List<Object> brief = demo().get(IMAGES + "/").then().statusCode(200).extract().jsonPath().getList("images.id");
        assertTrue(brief.contains(id), brief.toString());
        demo().head(IMAGES + "/" + id).then().statusCode(200).header("x-image-meta-name", "My%20Debian%20%CE%B4");

        // compute's image view reads the same registry (cyclades-api.md 3.4)
        demo().get("/compute/v2.0/images/" + id).then().statusCode(200)
                .body("image.name", equalTo("My Debian \u03b4")).body("image.status", equalTo("ACTIVE"))
                .body("image.progress", equalTo(100)).body("image.user_id", equalTo(SystemStack.DEMO_UUID))
                .body("image.public", equalTo(false)).body("image.metadata.osfamily", equalTo("linux"))
                .body("image.metadata.root_partition", equalTo("1"));
        List<Object> computeIds = demo().get("/compute/v2.0/images/detail").then().statusCode(200).extract()
                .jsonPath().getList("images.id");
        assertTrue(computeIds.contains(id) && computeIds.contains(stack.publicImageId()), computeIds.toString());

        // unregister: the image goes, the object stays; then kamaki-style cleanup of both files
        demo().delete(IMAGES + "/" + id).then().statusCode(204);
        demo().head(IMAGES + "/" + id).then().statusCode(404);
        demo().get("/compute/v2.0/images/" + id).then().statusCode(404);
        List<Object> after = demo().get(IMAGES + "/detail").then().statusCode(200).extract().jsonPath()
                .getList("images.id");
        assertFalse(after.contains(id), after.toString());
        demo().head(objectPath).then().statusCode(200);
        demo().delete(metaPath).then().statusCode(204);
        demo().delete(objectPath).then().statusCode(204);
        demo().delete("/object-store/v1/" + SystemStack.DEMO_UUID + "/" + container).then().statusCode(204);
    }

    @Test
    void aLocationThatDoesNotExistIsNotFound() {
        demo().header("X-Image-Meta-Name", "ghost")
                .header("X-Image-Meta-Location", "pithos://" + SystemStack.DEMO_UUID + "/no-such-" + UUID.randomUUID()
                        + "/ghost.diskdump")
                .post(IMAGES + "/").then().statusCode(404).contentType(ContentType.JSON)
                .body("itemNotFound.code", equalTo(404));
    }

    @Test
    void registeringWithoutANameOrWithABadLocationIsABadRequest() {
        demo().header("X-Image-Meta-Location", "pithos://" + SystemStack.DEMO_UUID + "/images/x.diskdump")
                .post(IMAGES + "/").then().statusCode(400).contentType(ContentType.JSON)
                .body("badRequest.code", equalTo(400)).body("badRequest.message", containsString("name"));
        demo().header("X-Image-Meta-Name", "bad").header("X-Image-Meta-Location", "http://example.org/x")
                .post(IMAGES + "/").then().statusCode(400).contentType(ContentType.JSON)
                .body("badRequest.message", containsString("location"));
    }

    @Test
    void anotherUsersPrivateImageStaysInvisible() {
        String container = "private-" + UUID.randomUUID();
        String objectPath = "/object-store/v1/" + SystemStack.DEMO_UUID + "/" + container + "/private.diskdump";
        demo().put("/object-store/v1/" + SystemStack.DEMO_UUID + "/" + container).then().statusCode(201);
        demo().contentType("application/octet-stream").body(new byte[4096]).put(objectPath).then().statusCode(201);
        String id = demo().header("X-Image-Meta-Name", "private")
                .header("X-Image-Meta-Location", "pithos://" + SystemStack.DEMO_UUID + "/" + container
                        + "/private.diskdump")
                .post(IMAGES + "/").then().statusCode(200).extract().header("x-image-meta-id");
        String other = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", "other-" + UUID.randomUUID() + "@example.org")))
                .post("/identity/v2.0/users").then().statusCode(200).extract().jsonPath().getString("user.auth_token");

        List<Object> theirs = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", other)
                .get(IMAGES + "/detail").then().statusCode(200).extract().jsonPath().getList("images.id");
        assertFalse(theirs.contains(id), theirs.toString());
        assertTrue(theirs.contains(stack.publicImageId()), "public images are visible to everyone: " + theirs);
        // readable by nobody else: 403 as Plankton answers it, with a Synnefo fault where there is a body
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", other).head(IMAGES + "/" + id)
                .then().statusCode(403);
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", other).delete(IMAGES + "/" + id)
                .then().statusCode(403).contentType(ContentType.JSON).body("forbidden.code", equalTo(403));
        // nor can they register the object themselves
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", other).header("X-Image-Meta-Name", "stolen")
                .header("X-Image-Meta-Location", "pithos://" + SystemStack.DEMO_UUID + "/" + container
                        + "/private.diskdump")
                .post(IMAGES + "/").then().statusCode(403).contentType(ContentType.JSON)
                .body("forbidden.code", equalTo(403));
        demo().head(IMAGES + "/" + id).then().statusCode(200);

        demo().delete(IMAGES + "/" + id).then().statusCode(204);
        demo().delete(objectPath).then().statusCode(204);
        demo().delete("/object-store/v1/" + SystemStack.DEMO_UUID + "/" + container).then().statusCode(204);
    }
}
