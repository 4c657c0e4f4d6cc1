package org.nefos.image;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.nefos.image.ImageTestSupport.API;
import static org.nefos.image.ImageTestSupport.as;
import static org.nefos.image.ImageTestSupport.location;
import static org.nefos.image.ImageTestSupport.newImage;
import static org.nefos.image.ImageTestSupport.newUser;
import static org.nefos.image.ImageTestSupport.register;
import static org.nefos.image.ImageTestSupport.upload;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Bad input and foreign resources answer the spec's status with a Synnefo fault body, never a 500. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "storage", value = "true"))
class ImageFaultsTest {

    private static String object(TestUser user) {
        String name = "obj-" + UUID.randomUUID();
        upload(user, "images", name);
        return name;
    }

    @Test
    void registerWithoutANameOrLocationIs400() {
        TestUser user = newUser();
        String name = object(user);
        as(user).header("X-Image-Meta-Location", location(user, "images", name)).post(API + "/images/")
                .then().statusCode(400).body("badRequest.code", equalTo(400))
                .body("badRequest.message", containsString("name"));
        as(user).header("X-Image-Meta-Name", "x").post(API + "/images/")
                .then().statusCode(400).body("badRequest.message", containsString("location"));
        register(user, "x", "http://elsewhere/a/b", Map.of()).then().statusCode(400)
                .body("badRequest.message", containsString("location"));
        register(user, "x", "pithos://" + user.uuid() + "/only-container", Map.of()).then().statusCode(400);
    }

    @Test
    void aLocationThatDoesNotExistIs404() {
        TestUser user = newUser();
        register(user, "x", location(user, "images", "no-such-object-" + UUID.randomUUID()), Map.of())
                .then().statusCode(404).body("itemNotFound.code", equalTo(404));
        register(user, "x", location(user, "no-such-container-" + UUID.randomUUID(), "o"), Map.of())
                .then().statusCode(404);
    }

    @Test
    void someoneElsesUnreadableObjectIs403() {
        TestUser owner = newUser();
        TestUser other = newUser();
        String name = object(owner);
        register(other, "stolen", location(owner, "images", name), Map.of()).then().statusCode(403)
                .body("forbidden.code", equalTo(403));
    }

    @Test
    void aReadableObjectOfSomeoneElseStillCannotBeRegistered() {
        TestUser owner = newUser();
        TestUser other = newUser();
        String id = newImage(owner, true);
        String loc = as(owner).head(API + "/images/" + id).then().extract().header("x-image-meta-location");
        register(other, "mine now", loc, Map.of()).then().statusCode(403).body("forbidden.code", equalTo(403));
    }

    @Test
    void sizeOnRegisterAndAWrongChecksumAre400() {
        TestUser user = newUser();
        String name = object(user);
        register(user, "x", location(user, "images", name), Map.of("X-Image-Meta-Size", "42")).then().statusCode(400)
                .body("badRequest.message", containsString("size"));
        register(user, "x", location(user, "images", name), Map.of("X-Image-Meta-Checksum", "00ff")).then()
                .statusCode(400).body("badRequest.message", containsString("checksum"));
    }

    @Test
    void fieldsThatCannotBeChosenAndUnknownFormatsAre400() {
        TestUser user = newUser();
        String loc = location(user, "images", object(user));
        for (Map<String, String> bad : new Map[] {Map.of("X-Image-Meta-Id", UUID.randomUUID().toString()),
                Map.of("X-Image-Meta-Status", "ACTIVE"), Map.of("X-Image-Meta-Created-At", "2020-01-01 00:00:00"),
                Map.of("X-Image-Meta-Disk-Format", "qcow2"), Map.of("X-Image-Meta-Container-Format", "zip"),
                Map.of("X-Image-Meta-Store", "swift")}) {
            register(user, "x", loc, bad).then().statusCode(400).body("badRequest.code", equalTo(400));
        }
    }

    @Test
    void propertiesTooLongOrTooManyAre400() {
        TestUser user = newUser();
        String loc = location(user, "images", object(user));
        register(user, "x", loc, Map.of("X-Image-Meta-Property-" + "k".repeat(94), "v")).then().statusCode(400)
                .body("badRequest.message", containsString("too long"));
        register(user, "x", loc, Map.of("X-Image-Meta-Property-K", "v".repeat(257))).then().statusCode(400)
                .body("badRequest.message", containsString("too long"));
        Map<String, String> many = new java.util.HashMap<>();
        for (int i = 0; i < 29; i++) {
            many.put("X-Image-Meta-Property-P" + i, "v");
        }
        register(user, "x", loc, many).then().statusCode(400).body("badRequest.message", containsString("Too many"));
        // the longest key that fits: plankton:property: + 93 characters = 111
        register(user, "x", loc, Map.of("X-Image-Meta-Property-" + "k".repeat(93), "v")).then().statusCode(200);
    }

    @Test
    void anUnknownImageIs404() {
        TestUser user = newUser();
        as(user).head(API + "/images/" + UUID.randomUUID()).then().statusCode(404);
        as(user).header("X-Image-Meta-Name", "x").put(API + "/images/" + UUID.randomUUID()).then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
        as(user).delete(API + "/images/not-a-uuid").then().statusCode(404).body("itemNotFound.code", equalTo(404));
        as(user).get(API + "/images/" + UUID.randomUUID() + "/members").then().statusCode(404);
    }

    @Test
    void someoneElsesPrivateImageIs403ForEveryCall() {
        TestUser owner = newUser();
        TestUser other = newUser();
        String id = newImage(owner, false);
        as(other).head(API + "/images/" + id).then().statusCode(403);
        as(other).header("X-Image-Meta-Name", "mine").put(API + "/images/" + id).then().statusCode(403)
                .body("forbidden.code", equalTo(403));
        as(other).delete(API + "/images/" + id).then().statusCode(403);
        as(other).get(API + "/images/" + id + "/members").then().statusCode(403);
        as(other).put(API + "/images/" + id + "/members/" + other.uuid()).then().statusCode(403);
        as(owner).head(API + "/images/" + id).then().statusCode(200).header("x-image-meta-name", equalTo(
                as(owner).head(API + "/images/" + id).header("x-image-meta-name")));
    }

    @Test
    void aPublicImageOfSomeoneElseCanBeReadButNotChanged() {
        TestUser owner = newUser();
        TestUser other = newUser();
        String id = newImage(owner, true);
        as(other).header("X-Image-Meta-Name", "mine").put(API + "/images/" + id).then().statusCode(403);
        as(other).delete(API + "/images/" + id).then().statusCode(403);
        as(owner).head(API + "/images/" + id).then().statusCode(200).header("x-image-meta-is-public", "True");
    }

    @Test
    void updatingFieldsThatCannotChangeIs400() {
        TestUser user = newUser();
        String id = newImage(user, false);
        as(user).header("X-Image-Meta-Location", "pithos://a/b/c").put(API + "/images/" + id).then().statusCode(400)
                .body("badRequest.message", containsString("Invalid metadata"));
        as(user).header("X-Image-Meta-Size", "1").put(API + "/images/" + id).then().statusCode(400);
        as(user).header("X-Image-Meta-Disk-Format", "vmdk").put(API + "/images/" + id).then().statusCode(400);
    }

    @Test
    void badListParametersAre400() {
        TestUser user = newUser();
        as(user).queryParam("sort_key", "owner").get(API + "/images/").then().statusCode(400);
        as(user).queryParam("sort_dir", "up").get(API + "/images/detail").then().statusCode(400);
        as(user).queryParam("size_min", "").get(API + "/images/").then().statusCode(400);
        as(user).queryParam("size_max", "big").get(API + "/images/").then().statusCode(400);
        as(user).queryParam("size_min", "10").get(API + "/images/").then().statusCode(200);
    }

    @Test
    void noTokenIs401AndRawDataIs501AndUnknownPathsAre400() {
        RestAssured.given().get(API + "/images/").then().statusCode(401).body("unauthorized.code", equalTo(401));
        RestAssured.given().header("X-Auth-Token", "not-a-token").get(API + "/images/").then().statusCode(401);
        TestUser user = newUser();
        String id = newImage(user, false);
        as(user).get(API + "/images/" + id).then().statusCode(501);
        as(user).get(API + "/nothing-here").then().statusCode(400).body("badRequest.code", equalTo(400));
    }

    @Test
    void badMembershipBodiesAre400() {
        TestUser user = newUser();
        String id = newImage(user, false);
        as(user).contentType("text/plain").body("{}").put(API + "/images/" + id + "/members").then().statusCode(400);
        as(user).contentType("application/json").body("{not json").put(API + "/images/" + id + "/members").then()
                .statusCode(400);
        as(user).contentType("application/json").body("{\"memberships\": {}}").put(API + "/images/" + id + "/members")
                .then().statusCode(400);
        as(user).contentType("application/json").body("{\"memberships\": [{\"can_share\": true}]}")
                .put(API + "/images/" + id + "/members").then().statusCode(400);
    }
}
