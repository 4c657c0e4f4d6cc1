package org.nefos.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.image.ImageTestSupport.API;
import static org.nefos.image.ImageTestSupport.as;
import static org.nefos.image.ImageTestSupport.inDetail;
import static org.nefos.image.ImageTestSupport.newImage;
import static org.nefos.image.ImageTestSupport.newUser;
import static org.nefos.image.ImageTestSupport.pithos;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * Members (I8–I12) are the Pithos read list of the image object: adding one lets that user see the image
 * and read the object; {@code /shared-images/<owner>} lists what an owner shares (not publicly) with the caller.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "storage", value = "true"))
class ImageMembersTest {

    private static List<String> members(TestUser user, String id) {
        return as(user).get(API + "/images/" + id + "/members").then().statusCode(200).extract().jsonPath()
                .getList("members.member_id");
    }

    private static String objectPath(TestUser owner, String id) {
        return "/object-store/v1/" + inDetail(owner, id).get("location").toString().substring("pithos://".length());
    }

    @Test
    void afterRegisterTheOwnerIsTheOnlyMember() {
        TestUser owner = newUser();
        String id = newImage(owner, false);
        List<Map<String, Object>> list = as(owner).get(API + "/images/" + id + "/members").then().statusCode(200)
                .extract().jsonPath().getList("members");
        assertEquals(List.of(Map.of("member_id", owner.uuid(), "can_share", false)), list);
    }

    @Test
    void anAddedMemberSeesTheImageAndCanReadTheObjectUntilRemoved() {
        TestUser owner = newUser();
        TestUser member = newUser();
        String id = newImage(owner, false);
        String object = objectPath(owner, id);
        pithos(member).head(object).then().statusCode(403);

        as(owner).put(API + "/images/" + id + "/members/" + member.uuid())
                .then().statusCode(204);
        assertEquals(List.of(owner.uuid(), member.uuid()), members(owner, id));
        assertNotNull(inDetail(member, id));
        as(member).head(API + "/images/" + id).then().statusCode(200);
        pithos(member).head(object).then().statusCode(200);
        pithos(owner).head(object).then().header("X-Object-Sharing", "read=" + owner.uuid() + "," + member.uuid());
        List<Map<String, Object>> shared = as(member).get(API + "/shared-images/" + owner.uuid()).then().statusCode(200)
                .extract().jsonPath().getList("shared_images");
        assertEquals(List.of(Map.of("image_id", id, "can_share", false)), shared);

        as(owner).delete(API + "/images/" + id + "/members/" + member.uuid()).then().statusCode(204);
        as(owner).delete(API + "/images/" + id + "/members/" + member.uuid()).then().statusCode(204);
        assertEquals(List.of(owner.uuid()), members(owner, id));
        assertNull(inDetail(member, id));
        as(member).head(API + "/images/" + id).then().statusCode(403);
        pithos(member).head(object).then().statusCode(403);
    }

    @Test
    void replacingTheMembersKeepsThePublicFlag() {
        TestUser owner = newUser();
        TestUser a = newUser();
        TestUser b = newUser();
        String id = newImage(owner, true);
        as(owner).contentType("application/json").body(Map.of("memberships", List.of(
                Map.of("member_id", a.uuid(), "can_share", false), Map.of("member_id", b.uuid()))))
                .put(API + "/images/" + id + "/members").then().statusCode(204);
        assertEquals(List.of(a.uuid(), b.uuid()), members(owner, id));
        as(owner).head(API + "/images/" + id).then().header("x-image-meta-is-public", "True");
        // Pithos percent-encodes its X-Object-* header values
        assertEquals("read=*", java.net.URLDecoder.decode(pithos(owner).head(objectPath(owner, id)).then()
                .statusCode(200).extract().header("X-Object-Sharing"), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(as(b).get(API + "/shared-images/" + owner.uuid()).then().statusCode(200).extract().jsonPath()
                .getList("shared_images").isEmpty(), "public images are not listed as shared");
    }

    @Test
    void onlyTheOwnerChangesMembersAndMembersCannotChangeTheImage() {
        TestUser owner = newUser();
        TestUser member = newUser();
        String id = newImage(owner, false);
        as(owner).put(API + "/images/" + id + "/members/" + member.uuid()).then().statusCode(204);
        as(member).put(API + "/images/" + id + "/members/" + member.uuid()).then().statusCode(403);
        as(member).delete(API + "/images/" + id + "/members/" + owner.uuid()).then().statusCode(403);
        as(member).contentType("application/json").body(Map.of("memberships", List.of()))
                .put(API + "/images/" + id + "/members").then().statusCode(403);
        as(member).header("X-Image-Meta-Name", "taken").put(API + "/images/" + id).then().statusCode(403);
        as(member).delete(API + "/images/" + id).then().statusCode(403);
        assertEquals(List.of(owner.uuid(), member.uuid()), members(member, id));
        assertFalse(as(member).get(API + "/shared-images/" + member.uuid()).then().statusCode(200).extract()
                .jsonPath().getList("shared_images.image_id").contains(id));
    }
}
