package org.nefos.identity;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.nefos.identity.IdentityTestSupport.TestUser;

/** Helpers for project and membership tests; the project admin has a fixed uuid (see %test config). */
final class ProjectTestSupport {

    static final String ADMIN_UUID = "00000000-0000-4000-8000-00000000ad01";
    private static TestUser admin;

    private ProjectTestSupport() {
    }

    /** The configured project admin, created on first use. */
    static synchronized TestUser projectAdmin() {
        if (admin == null) {
            JsonPath existing = given().header("X-Auth-Token", IdentityTestSupport.ADMIN)
                    .get("/identity/v2.0/users").then().statusCode(200).extract().jsonPath();
            if (existing.getList("users.id").contains(ADMIN_UUID)) {
                String token = given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                        .body(Map.of("renewToken", Map.of())).post("/identity/v2.0/users/" + ADMIN_UUID + "/action")
                        .then().statusCode(200).extract().jsonPath().getString("user.auth_token");
                admin = new TestUser(ADMIN_UUID, token, "projects-admin@example.org");
            } else {
                JsonPath created = given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                        .body(Map.of("user", Map.of("username", "projects-admin@example.org", "first_name", "Project",
                                "last_name", "Admin", "id", ADMIN_UUID)))
                        .post("/identity/v2.0/users").then().statusCode(200).extract().jsonPath();
                admin = new TestUser(ADMIN_UUID, created.getString("user.auth_token"), "projects-admin@example.org");
            }
        }
        return admin;
    }

    static String uniqueName() {
        return "p" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    }

    static Map<String, Object> spec(String name, Object... extra) {
        Map<String, Object> s = new HashMap<>();
        s.put("name", name);
        s.put("end_date", OffsetDateTime.now().plusDays(30).toString());
        for (int i = 0; i < extra.length; i += 2) {
            s.put((String) extra[i], extra[i + 1]);
        }
        return s;
    }

    static Map<String, Object> capacity(long project, long member) {
        return Map.of("project_capacity", project, "member_capacity", member);
    }

    static Response apply(TestUser user, Map<String, Object> spec) {
        return given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body(spec)
                .post("/account/v1.0/projects");
    }

    static Response modify(TestUser user, String project, Map<String, Object> spec) {
        return given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body(spec)
                .put("/account/v1.0/projects/" + project);
    }

    static Response action(TestUser user, String project, String action, Long appId) {
        Map<String, Object> args = new HashMap<>();
        args.put("reason", "test");
        if (appId != null) {
            args.put("app_id", appId);
        }
        return given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body(Map.of(action, args))
                .post("/account/v1.0/projects/" + project + "/action");
    }

    static JsonPath project(TestUser user, String project) {
        return given().header("X-Auth-Token", user.token()).get("/account/v1.0/projects/" + project)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Applies and has the admin approve; returns the project id. */
    static String activeProject(TestUser owner, Map<String, Object> spec) {
        JsonPath applied = apply(owner, spec).then().statusCode(201).extract().jsonPath();
        String id = applied.getString("id");
        action(projectAdmin(), id, "approve", applied.getLong("application")).then().statusCode(200);
        return id;
    }

    static Response join(TestUser user, String project) {
        return given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("join", Map.of("project", project))).post("/account/v1.0/projects/memberships");
    }

    static Response enroll(TestUser by, String project, String email) {
        return given().header("X-Auth-Token", by.token()).contentType(ContentType.JSON)
                .body(Map.of("enroll", Map.of("project", project, "user", email)))
                .post("/account/v1.0/projects/memberships");
    }

    static Response membershipAction(TestUser user, long id, String action) {
        return given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body(Map.of(action, ""))
                .post("/account/v1.0/projects/memberships/" + id + "/action");
    }

    static JsonPath membership(TestUser user, long id) {
        return given().header("X-Auth-Token", user.token()).get("/account/v1.0/projects/memberships/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    static List<String> quotaProjects(TestUser user) {
        return List.copyOf(given().header("X-Auth-Token", user.token()).get("/account/v1.0/quotas")
                .then().statusCode(200).extract().jsonPath().getMap("").keySet().stream().map(Object::toString).toList());
    }
}
