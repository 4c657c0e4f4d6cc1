package org.nefos.identity;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Creates uniquely named users through the admin API; shared by the identity tests. */
public final class IdentityTestSupport {

    public static final String ADMIN = "test-admin-token";
    public static final String CYCLADES = "test-cyclades-token";
    public static final String PITHOS = "test-pithos-token";

    public record TestUser(String uuid, String token, String email) {
    }

    private IdentityTestSupport() {
    }

    public static TestUser newUser() {
        String email = "user-" + UUID.randomUUID() + "@Example.org";
        JsonPath created = given().header("X-Auth-Token", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", email, "first_name", "Jane", "last_name", "Doe")))
                .post("/identity/v2.0/users")
                .then().statusCode(200).extract().jsonPath();
        return new TestUser(created.getString("user.id"), created.getString("user.auth_token"), email.toLowerCase());
    }

    public static void setBaseQuota(TestUser user, String resource, long limit) {
        given().header("X-Auth-Token", ADMIN).contentType(ContentType.JSON)
                .body(Map.of("base_quotas", Map.of(resource, limit)))
                .put("/identity/v2.0/users/" + user.uuid() + "/base_quotas")
                .then().statusCode(200);
    }

    public static Map<String, Object> userProvision(TestUser user, String resource, long quantity) {
        return Map.of("holder", "user:" + user.uuid(), "source", "project:" + user.uuid(), "resource", resource,
                "quantity", quantity);
    }

    public static Map<String, Object> projectProvision(TestUser user, String resource, long quantity) {
        java.util.HashMap<String, Object> p = new java.util.HashMap<>();
        p.put("holder", "project:" + user.uuid());
        p.put("source", null);
        p.put("resource", resource);
        p.put("quantity", quantity);
        return p;
    }
}
