package org.nefos.image;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.image.ImageTestSupport.API;
import static org.nefos.image.ImageTestSupport.as;
import static org.nefos.image.ImageTestSupport.detail;
import static org.nefos.image.ImageTestSupport.inDetail;
import static org.nefos.image.ImageTestSupport.location;
import static org.nefos.image.ImageTestSupport.newImage;
import static org.nefos.image.ImageTestSupport.newUser;
import static org.nefos.image.ImageTestSupport.pithos;
import static org.nefos.image.ImageTestSupport.register;
import static org.nefos.image.ImageTestSupport.upload;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * Register, list, detail, HEAD, update and unregister (pithos-plankton-api.md 6.4–6.8) over objects on the
 * real storage-service: the image is the object (id = its UUID, checksum = its Merkle hash, size = its size)
 * and registration rewrites the object's read list.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "storage", value = "true"))
class ImageRegistryTest {

    @Test
    void registerAnswers200WithTheObjectAsImageHeaders() {
        TestUser user = newUser();
        String name = "debian-" + UUID.randomUUID() + ".diskdump";
        byte[] data = "a small disk image".getBytes(StandardCharsets.UTF_8);
        String hash = upload(user, "images", name, data);
        String uuid = pithos(user).head("/object-store/v1/" + user.uuid() + "/images/" + name).then().statusCode(200)
                .extract().header("X-Object-UUID");

        Response r = register(user, "Debian Base", location(user, "images", name),
                Map.of("x-image-meta-property-OSFAMILY", "linux", "X-IMAGE-META-PROPERTY-ROOT_PARTITION", "1",
                        "X-Image-Meta-Disk-Format", "diskdump"));
        r.then().statusCode(200)
                .header("x-image-meta-id", uuid)
                .header("x-image-meta-name", "Debian%20Base")
                .header("x-image-meta-checksum", hash)
                .header("x-image-meta-size", String.valueOf(data.length))
                .header("x-image-meta-location", location(user, "images", name))
                .header("x-image-meta-owner", user.uuid())
                .header("x-image-meta-status", "AVAILABLE")
                .header("x-image-meta-is-public", "False")
                .header("x-image-meta-is-snapshot", "False")
                .header("x-image-meta-disk-format", "diskdump")
                .header("x-image-meta-container-format", "bare")
                .header("x-image-meta-deleted-at", "")
                .header("x-image-meta-property-osfamily", "linux")
                .header("x-image-meta-property-root-partition", "1");
        assertEquals(r.header("x-image-meta-created-at"), r.header("x-image-meta-updated-at"));
        assertTrue(r.header("x-image-meta-created-at").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertEquals("", r.body().asString());

        // registering replaced the object's read list with the owner
        pithos(user).head("/object-store/v1/" + user.uuid() + "/images/" + name).then()
                .header("X-Object-Sharing", "read=" + user.uuid());
    }

    @Test
    void detailListsTheImageWithLowerCasePropertiesAndTypedFields() {
        TestUser user = newUser();
        String name = "burnin-" + UUID.randomUUID();
        upload(user, "burnin-images", name);
        String id = register(user, name, location(user, "burnin-images", name),
                Map.of("X-Image-Meta-Property-OSFAMILY", "linux", "X-Image-Meta-Property-ROOT_PARTITION", "1"))
                .then().statusCode(200).extract().header("x-image-meta-id");

        Map<String, Object> image = inDetail(user, id);
        assertNotNull(image, "registered image in the detail list");
        assertEquals("pithos://" + user.uuid() + "/burnin-images/" + name, image.get("location"));
        assertEquals(Map.of("osfamily", "linux", "root_partition", "1"), image.get("properties"));
        assertEquals("AVAILABLE", image.get("status"));
        assertEquals(Boolean.FALSE, image.get("is_public"));
        assertEquals(Boolean.FALSE, image.get("is_snapshot"));
        assertEquals("", image.get("deleted_at"));
        assertEquals(user.uuid(), image.get("owner"));
        assertEquals(image.get("created_at"), image.get("updated_at"));
        assertTrue(image.get("size") instanceof Integer || image.get("size") instanceof Long);
        assertFalse(image.containsKey("description"));

        List<Map<String, Object>> brief = as(user).get(API + "/images/").then().statusCode(200).extract().jsonPath()
                .getList("images");
        List<Map<String, Object>> full = detail(user);
        assertEquals(full.size(), brief.size());
        assertEquals(full.stream().map(i -> i.get("name")).toList(), brief.stream().map(i -> i.get("name")).toList());
        Map<String, Object> shortForm = brief.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow();
        assertEquals(java.util.Set.of("id", "name", "status", "size", "disk_format", "container_format"),
                shortForm.keySet());
    }

    @Test
    void listSortsByTheGivenKeyAndDirection() {
        TestUser user = newUser();
        String tag = UUID.randomUUID().toString();
        for (String n : List.of("b-image-" + tag, "a-image-" + tag, "c-image-" + tag)) {
            String object = n + "-" + UUID.randomUUID();
            upload(user, "images", object);
            register(user, n, location(user, "images", object), Map.of()).then().statusCode(200);
        }
        List<String> asc = as(user).queryParam("sort_key", "name").queryParam("sort_dir", "asc").get(API + "/images/")
                .then().statusCode(200).extract().jsonPath().getList("images.name");
        assertEquals(List.of("a-image-" + tag, "b-image-" + tag, "c-image-" + tag), own(asc, tag));
        List<String> desc = as(user).queryParam("sort_key", "name").queryParam("sort_dir", "desc")
                .queryParam("name", "ignored").get(API + "/images/detail").then().statusCode(200).extract().jsonPath()
                .getList("images.name");
        assertEquals(List.of("c-image-" + tag, "b-image-" + tag, "a-image-" + tag), own(desc, tag));
    }

    /** The names of this test's images, in listing order (others' public images are listed too). */
    private static List<String> own(List<String> names, String tag) {
        return names.stream().filter(n -> n.endsWith(tag)).toList();
    }

    @Test
    void aGreekNameRoundTripsThroughHead() {
        TestUser user = newUser();
        String object = "greek-" + UUID.randomUUID();
        upload(user, "images", object);
        String greek = "Εικόνα δοκιμής";
        String id = register(user, java.net.URLEncoder.encode(greek, StandardCharsets.UTF_8).replace("+", "%20"),
                location(user, "images", object), Map.of()).then().statusCode(200).extract().header("x-image-meta-id");
        String header = as(user).head(API + "/images/" + id).then().statusCode(200).extract().header("x-image-meta-name");
        assertEquals(greek, URLDecoder.decode(header, StandardCharsets.UTF_8));
        assertEquals(greek, inDetail(user, id).get("name"));
    }

    @Test
    void reRegisteringTheSameObjectKeepsTheIdAndMergesProperties() {
        TestUser user = newUser();
        String object = "again-" + UUID.randomUUID();
        upload(user, "images", object);
        String loc = location(user, "images", object);
        String first = register(user, "one", loc, Map.of("X-Image-Meta-Property-OS", "debian",
                "X-Image-Meta-Property-OSFAMILY", "linux")).then().statusCode(200).extract().header("x-image-meta-id");
        String second = register(user, "two", loc, Map.of("X-Image-Meta-Property-OS", "ubuntu"))
                .then().statusCode(200).extract().header("x-image-meta-id");
        assertEquals(first, second);
        Map<String, Object> image = inDetail(user, first);
        assertEquals("two", image.get("name"));
        assertEquals(Map.of("os", "ubuntu", "osfamily", "linux"), image.get("properties"));
        assertEquals(1, detail(user).stream().filter(i -> first.equals(i.get("id"))).count());
    }

    @Test
    void aLocationWithoutAccountNamesAnObjectOfTheCaller() {
        TestUser user = newUser();
        String object = "relative-" + UUID.randomUUID();
        upload(user, "images", object);
        register(user, "relative", "/images/" + object, Map.of()).then().statusCode(200)
                .header("x-image-meta-location", location(user, "images", object));
    }

    @Test
    void publicImagesAreListedForEveryoneAndPrivateOnesOnlyForTheOwner() {
        TestUser owner = newUser();
        TestUser other = newUser();
        String publicId = newImage(owner, true);
        String privateId = newImage(owner, false);
        List<String> seen = detail(other).stream().map(i -> (String) i.get("id")).toList();
        assertTrue(seen.contains(publicId));
        assertFalse(seen.contains(privateId));
        as(other).head(API + "/images/" + publicId).then().statusCode(200).header("x-image-meta-is-public", "True");
        // the object itself became readable by everyone through its read list
        pithos(other).head("/object-store/v1/" + owner.uuid() + "/images/"
                + inDetail(owner, publicId).get("location").toString().replaceFirst(".*/images/", ""))
                .then().statusCode(200);
    }

    @Test
    void updateChangesNameFormatStatusAndPropertiesAndThePublicFlag() {
        TestUser user = newUser();
        TestUser other = newUser();
        String id = newImage(user, false);
        as(user).header("X-Image-Meta-Name", "renamed").header("X-Image-Meta-Container-Format", "ovf")
                .header("X-Image-Meta-Property-New_Key", "v").header("X-Image-Meta-Status", "ERROR")
                .header("X-Image-Meta-Is-Public", "True")
                .put(API + "/images/" + id).then().statusCode(200)
                .header("x-image-meta-name", "renamed").header("x-image-meta-container-format", "ovf")
                .header("x-image-meta-property-new-key", "v").header("x-image-meta-property-osfamily", "linux")
                .header("x-image-meta-status", "ERROR").header("x-image-meta-is-public", "True");
        Map<String, Object> listed = inDetail(other, id);
        assertNotNull(listed, "a public image is listed for others");
        assertEquals("ERROR", listed.get("status"));
        assertEquals(Map.of("new_key", "v", "osfamily", "linux"), listed.get("properties"));

        as(user).header("X-Image-Meta-Is-Public", "False").put(API + "/images/" + id).then().statusCode(200)
                .header("x-image-meta-is-public", "False");
        assertNull(inDetail(other, id));
        as(other).head(API + "/images/" + id).then().statusCode(403);
    }

    @Test
    void purgePropsReplacesThePropertiesOnUpdate() {
        TestUser user = newUser();
        String id = newImage(user, false);
        as(user).header("X-Image-Meta-Property-Kept", "yes").header("x-glance-registry-purge-props", "true")
                .put(API + "/images/" + id).then().statusCode(200);
        assertEquals(Map.of("kept", "yes"), inDetail(user, id).get("properties"));
    }

    @Test
    void unregisterRemovesTheImageButKeepsTheObject() {
        TestUser user = newUser();
        String object = "gone-" + UUID.randomUUID();
        upload(user, "images", object);
        String id = register(user, "gone", location(user, "images", object), Map.of()).then().statusCode(200)
                .extract().header("x-image-meta-id");
        as(user).delete(API + "/images/" + id).then().statusCode(204);
        as(user).head(API + "/images/" + id).then().statusCode(404);
        as(user).get(API + "/images/detail").then().statusCode(200).body("images.id", not(hasItem(id)));
        as(user).delete(API + "/images/" + id).then().statusCode(404);
        pithos(user).head("/object-store/v1/" + user.uuid() + "/images/" + object).then().statusCode(200)
                .header("X-Object-UUID", equalTo(id));
    }

    @Test
    void theVersionDocumentNeedsNoToken() {
        io.restassured.RestAssured.given().get("/image").then().statusCode(200).body("versions[0].id", equalTo("v1.0"));
    }
}
