package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.nefos.identity.IdentityTestSupport.TestUser;
import org.nefos.testing.KafkaResource;
import org.nefos.testing.PostgresResource;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class AdminUserResourceTest {

    @Test
    void createsUsersWithAChosenUuidAndToken() {
        String uuid = UUID.randomUUID().toString();
        String token = "seeded-" + UUID.randomUUID();
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", "Seed-" + uuid + "@Example.org", "first_name", "Seed",
                        "last_name", "User", "id", uuid, "auth_token", token)))
                .post("/identity/v2.0/users")
                .then().statusCode(200).body("user.id", equalTo(uuid)).body("user.auth_token", equalTo(token));
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", token))))
                .post("/identity/v2.0/tokens").then().statusCode(200).body("access.user.id", equalTo(uuid));
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).get("/identity/v2.0/users/" + uuid)
                .then().statusCode(200).body("user.email", equalTo("seed-" + uuid + "@example.org"))
                .body("user.is_active", equalTo(true));
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).get("/identity/v2.0/users")
                .then().statusCode(200).body("users.id", hasItem(uuid));
    }

    @Test
    void refusesDuplicatesAndBadInput() {
        TestUser user = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", user.email().toUpperCase())))
                .post("/identity/v2.0/users").then().statusCode(409).body("conflict.code", equalTo(409));
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", "not-an-email")))
                .post("/identity/v2.0/users").then().statusCode(400);
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", "x-" + UUID.randomUUID() + "@example.org", "id", "nope")))
                .post("/identity/v2.0/users").then().statusCode(400);
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("nothing", 1)).post("/identity/v2.0/users").then().statusCode(400);
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("explode", Map.of())).post("/identity/v2.0/users/" + user.uuid() + "/action")
                .then().statusCode(400);
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).get("/identity/v2.0/users/" + UUID.randomUUID())
                .then().statusCode(404);
    }

    @Test
    void onlyTheAdminMayAdminister() {
        TestUser user = IdentityTestSupport.newUser();
        given().get("/identity/v2.0/users").then().statusCode(401);
        given().header("X-Auth-Token", "wrong").get("/identity/v2.0/users").then().statusCode(401);
        given().header("X-Auth-Token", user.token()).get("/identity/v2.0/users").then().statusCode(403)
                .body("forbidden.code", equalTo(403));
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).get("/identity/v2.0/users").then().statusCode(401);
    }

    @Test
    void renewingATokenRetiresTheOldOneAtOnce() {
        TestUser user = IdentityTestSupport.newUser();
        String renewed = given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("renewToken", Map.of())).post("/identity/v2.0/users/" + user.uuid() + "/action")
                .then().statusCode(200).extract().jsonPath().getString("user.auth_token");
        assertNotEquals(user.token(), renewed);
        assertEquals(43, renewed.length());
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/quotas").then().statusCode(401);
        given().header("X-Auth-Token", renewed).get("/account/v1.0/quotas").then().statusCode(200);
    }

    @Test
    void reactivationRestoresAccess() {
        TestUser user = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("deactivate", Map.of())).post("/identity/v2.0/users/" + user.uuid() + "/action")
                .then().statusCode(200);
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/quotas").then().statusCode(401)
                .body("unauthorized.message", equalTo("User inactive"));
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("activate", Map.of())).post("/identity/v2.0/users/" + user.uuid() + "/action")
                .then().statusCode(200).body("user.is_active", equalTo(true));
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/quotas").then().statusCode(200);
    }

    @Test
    void baseQuotasChangeLimitsAndRefuseUnknownResources() {
        TestUser user = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("base_quotas", Map.of("cyclades.vm", 9, "cyclades.total_cpu", 64)))
                .put("/identity/v2.0/users/" + user.uuid() + "/base_quotas")
                .then().statusCode(200).body("base_quotas.'cyclades.vm'", equalTo(9))
                .body("base_quotas.'cyclades.total_cpu'", equalTo(64));
        assertEquals(9, CommissionResourceTest.quota(user, "cyclades.vm").limit());
        assertEquals(9, CommissionResourceTest.quota(user, "cyclades.vm").projectLimit());
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("base_quotas", Map.of("no.such", 1)))
                .put("/identity/v2.0/users/" + user.uuid() + "/base_quotas").then().statusCode(400);
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("base_quotas", Map.of("cyclades.vm", -1)))
                .put("/identity/v2.0/users/" + user.uuid() + "/base_quotas").then().statusCode(400);
    }
}
