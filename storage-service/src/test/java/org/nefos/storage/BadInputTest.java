package org.nefos.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** The bad-input list: each is the spec's fault (Synnefo JSON), never a 500, and nothing is written. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "component", value = "pithos"))
class BadInputTest {

    static final String V1 = "/object-store/v1/";

    static {
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                .encodeContentTypeAs("application/octet-stream", ContentType.TEXT));
    }

    static RequestSpecification as(TestUser u) {
        return given().header("X-Auth-Token", u.token());
    }

    @Test
    void namesMetadataPoliciesAndHashmapsAreValidated() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = V1 + u.uuid() + "/bad";
        as(u).put(c).then().statusCode(201);
        as(u).put(V1 + u.uuid() + "/" + "c".repeat(257)).then().statusCode(400).body("badRequest.code", equalTo(400));
        as(u).contentType("text/plain").body("x".getBytes()).put(c + "/" + "o".repeat(1025)).then().statusCode(400);
        as(u).urlEncodingEnabled(false).contentType("text/plain").body("x".getBytes()).put(c + "/nul%00name").then()
                .statusCode(400).body("badRequest.code", equalTo(400));
        as(u).contentType("text/plain").header("X-Object-Meta-Long", "v".repeat(257)).body("x".getBytes())
                .put(c + "/meta").then().statusCode(400);
        RequestSpecification many = as(u).contentType("text/plain").body("x".getBytes());
        for (int i = 0; i < 91; i++) {
            many = many.header("X-Object-Meta-K" + i, "v");
        }
        many.put(c + "/meta").then().statusCode(400);
        as(u).header("X-Container-Policy-Versioning", "sometimes").post(c + "?update").then().statusCode(400);
        as(u).header("X-Container-Policy-Quota", "-1").post(c + "?update").then().statusCode(400);
        as(u).header("X-Object-Sharing", "readers=x").contentType("text/plain").body("x".getBytes())
                .put(c + "/sharing").then().statusCode(400);
        String hm = c + "/hm?hashmap&format=json";
        as(u).contentType("application/octet-stream").body("{\"bytes\": 3, \"hashes\": [\"zz\"]}").put(hm).then()
                .statusCode(400).body("badRequest.code", equalTo(400));
        as(u).contentType("application/octet-stream").body("{\"bytes\": 5000000, \"hashes\": [\"" + "a".repeat(64)
                + "\"]}").put(hm).then().statusCode(400);
        as(u).contentType("application/octet-stream").body("<object bytes=\"1\"/>").put(hm).then().statusCode(400);
        as(u).contentType("application/octet-stream").body("{\"bytes\": 0, \"hashes\": []}").put(hm).then()
                .statusCode(201);
        as(u).get(c + "?format=json&unknown=1&limit=abc").then().statusCode(200)
                .body("name", equalTo(java.util.List.of("hm")));
    }

    @Test
    void otherAccountsAndPrivateObjectsAreForbidden() throws Exception {
        TestUser owner = ServiceStackResource.identity().createUser();
        TestUser other = ServiceStackResource.identity().createUser();
        as(owner).put(V1 + owner.uuid() + "/priv").then().statusCode(201);
        as(other).put(V1 + other.uuid() + "/mine").then().statusCode(201);
        as(owner).contentType("text/plain").body("secret".getBytes()).put(V1 + owner.uuid() + "/priv/s").then()
                .statusCode(201);
        as(other).header("X-Copy-From", "/priv/s").header("X-Source-Account", owner.uuid())
                .put(V1 + other.uuid() + "/mine/copy").then().statusCode(403).body("forbidden.code", equalTo(403));
        as(other).head(V1 + other.uuid() + "/mine/copy").then().statusCode(404);
        as(other).contentType("text/plain").body("x".getBytes()).put(V1 + owner.uuid() + "/priv/new").then()
                .statusCode(403);
        as(other).put(V1 + owner.uuid() + "/newcontainer").then().statusCode(403);
        as(other).contentType("application/octet-stream").body(new byte[] {1, 2, 3})
                .post(V1 + owner.uuid() + "/priv?update").then().statusCode(403);
        as(other).head(V1 + owner.uuid()).then().statusCode(403);
        given().header("X-Auth-Token", "not-a-token").head(V1 + owner.uuid()).then().statusCode(401);
    }
}
