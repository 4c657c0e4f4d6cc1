package org.nefos.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.parsing.Parser;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** HTML form upload (POST multipart/form-data, token as query parameter), streamed like a data PUT. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "component", value = "pithos"))
class FormUploadTest {

    static final String V1 = "/object-store/v1/";

    @Test
    void fileFieldBecomesTheObjectWithItsTypeAndMd5() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        given().header("X-Auth-Token", u.token()).put(V1 + u.uuid() + "/forms").then().statusCode(201);
        byte[] data = new byte[4194304 + 123];
        new Random(3).nextBytes(data);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        Response r = given().queryParam("X-Auth-Token", u.token()).multiPart("comment", "ignored")
                .multiPart("X-Object-Data", "photo.bin", data, "image/png")
                .post(V1 + u.uuid() + "/forms/photo.bin");
        assertEquals(201, r.statusCode(), r.asString());
        assertEquals(md5, r.header("ETag"));
        assertEquals(md5, r.asString());
        byte[] back = given().header("X-Auth-Token", u.token()).get(V1 + u.uuid() + "/forms/photo.bin").then()
                .statusCode(200).header("Content-Type", "image/png").extract().asByteArray();
        assertArrayEquals(data, back);
        BlockHasher h = new BlockHasher("sha256");
        given().header("X-Auth-Token", u.token()).get(V1 + u.uuid() + "/forms/photo.bin?hashmap&format=json").then()
                .parser("image/png", Parser.JSON).statusCode(200)
                .body("hashes", equalTo(List.of(h.blockHash(data, 0, 4194304), h.blockHash(data, 4194304, 123))));
    }

    @Test
    void formWithoutTheFileFieldIs400AndCreatesNothing() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        given().header("X-Auth-Token", u.token()).put(V1 + u.uuid() + "/forms").then().statusCode(201);
        given().queryParam("X-Auth-Token", u.token()).multiPart("other", "x.txt", "x".getBytes(), "text/plain")
                .post(V1 + u.uuid() + "/forms/none").then().statusCode(400).body("badRequest.code", equalTo(400));
        given().header("X-Auth-Token", u.token()).head(V1 + u.uuid() + "/forms/none").then().statusCode(404);
    }
}
