package org.nefos.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Account quota policy and usage from identity, group members checked against identity, bulk copy/move/delete. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "component", value = "pithos"))
class AccountQuotaGroupsAndBulkTest {

    static final String V1 = "/object-store/v1/";

    static {
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    static RequestSpecification as(TestUser u) {
        return given().header("X-Auth-Token", u.token());
    }

    static void put(TestUser u, String path, String type, String body) {
        as(u).contentType(type).body(body.getBytes()).put(V1 + u.uuid() + path).then().statusCode(201);
    }

    @Test
    void accountHeadReportsIdentityLimitsAndUsagePerProject() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        as(u).put(V1 + u.uuid() + "/q").then().statusCode(201);
        put(u, "/q/ten", "text/plain", "0123456789");
        long limit = IdentityUsage.quotas(ServiceStackResource.identity(), u).get(u.uuid()).get("pithos.diskspace")
                .get("limit").asLong();
        as(u).head(V1 + u.uuid()).then().statusCode(204).header("X-Account-Bytes-Used", "10")
                .header("X-Account-Policy-Quota", Long.toString(limit))
                .header("X-Account-Policy-Quota-" + u.uuid(), Long.toString(limit));

        IdentityUsage.setDiskspaceLimit(ServiceStackResource.identity(), u, 15);
        as(u).head(V1 + u.uuid()).then().statusCode(204).header("X-Account-Policy-Quota", "15");
        Response refused = as(u).contentType("text/plain").body("too much!".getBytes()).put(V1 + u.uuid() + "/q/more");
        assertEquals(413, refused.statusCode(), refused.asString());
        as(u).head(V1 + u.uuid() + "/q/more").then().statusCode(404);
        as(u).head(V1 + u.uuid()).then().header("X-Account-Bytes-Used", "10");
        assertEquals(10, IdentityUsage.diskspace(ServiceStackResource.identity(), u));
    }

    @Test
    void groupMembersMustBeUsersKnownToIdentity() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        TestUser friend = ServiceStackResource.identity().createUser();
        as(u).header("X-Account-Group-Team", "01234567-89ab-cdef-0123-456789abcdef")
                .post(V1 + u.uuid() + "?update").then().statusCode(400).body("badRequest.code", equalTo(400));
        as(u).header("X-Account-Group-Bad-Name", friend.uuid()).post(V1 + u.uuid() + "?update").then()
                .statusCode(400);
        as(u).header("X-Account-Group-Team", friend.uuid()).post(V1 + u.uuid() + "?update").then().statusCode(202);
        as(u).head(V1 + u.uuid()).then().statusCode(204).header("X-Account-Group-Team", friend.uuid());

        // the group grants access at request time
        as(u).put(V1 + u.uuid() + "/g").then().statusCode(201);
        put(u, "/g/doc", "text/plain", "for the team");
        as(friend).get(V1 + u.uuid() + "/g/doc").then().statusCode(403);
        as(u).header("X-Object-Sharing", "read=" + u.uuid() + ":team").post(V1 + u.uuid() + "/g/doc?update").then()
                .statusCode(202);
        as(friend).get(V1 + u.uuid() + "/g/doc").then().statusCode(200).body(equalTo("for the team"));
        as(u).header("X-Account-Group-Team", "").post(V1 + u.uuid() + "?update").then().statusCode(202);
        as(friend).get(V1 + u.uuid() + "/g/doc").then().statusCode(403);
    }

    @Test
    void copyMoveAndDeleteWithDelimiterTakeTheWholeDirectory() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String base = V1 + u.uuid() + "/tree";
        as(u).put(base).then().statusCode(201);
        as(u).put(V1 + u.uuid() + "/trash").then().statusCode(201);
        put(u, "/tree/d", "application/directory", "");
        put(u, "/tree/d/a", "text/plain", "A");
        put(u, "/tree/d/b/c", "text/csv", "C");
        put(u, "/tree/dx", "text/plain", "not inside d/");

        as(u).header("Destination", "/tree/e").request("COPY", base + "/d?delimiter=/").then().statusCode(201);
        as(u).get(base + "?format=json&prefix=e").then().statusCode(200)
                .body("name", equalTo(List.of("e", "e/a", "e/b/c")))
                .body("content_type", equalTo(List.of("application/directory", "text/plain", "text/csv")));
        as(u).get(base + "/e/b/c").then().statusCode(200).body(equalTo("C"));

        as(u).header("X-Move-From", "/tree/e").header("Content-Type", "application/directory")
                .put(V1 + u.uuid() + "/trash/e?delimiter=/").then().statusCode(201);
        as(u).get(base + "?format=json&prefix=e").then().statusCode(200).body(equalTo("[]"));
        as(u).get(V1 + u.uuid() + "/trash?format=json").then().statusCode(200)
                .body("name", equalTo(List.of("e", "e/a", "e/b/c")));

        as(u).delete(base + "/d?delimiter=/").then().statusCode(204);
        as(u).get(base + "?format=json").then().statusCode(200).body("name", equalTo(List.of("dx")));
    }
}
