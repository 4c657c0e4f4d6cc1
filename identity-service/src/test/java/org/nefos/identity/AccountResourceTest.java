package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.identity.IdentityTestSupport.TestUser;
import org.nefos.testing.KafkaResource;
import org.nefos.testing.PostgresResource;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class AccountResourceTest {

    static final Set<String> VISIBLE = Set.of("cyclades.vm", "cyclades.cpu", "cyclades.ram", "cyclades.disk",
            "cyclades.network.private", "cyclades.floating_ip", "pithos.diskspace");

    @Test
    void resourcesListOnlyApiVisibleOnesWithoutAuth() {
        JsonPath r = given().get("/account/v1.0/resources").then().statusCode(200).extract().jsonPath();
        assertEquals(VISIBLE, r.getMap("").keySet());
        assertEquals("cyclades_compute", r.getString("'cyclades.vm'.service"));
        assertEquals("Number of virtual machines", r.getString("'cyclades.vm'.description"));
        org.junit.jupiter.api.Assertions.assertNull(r.get("'cyclades.vm'.unit"));
        assertEquals("bytes", r.getString("'cyclades.ram'.unit"));
        assertEquals(true, r.getBoolean("'pithos.diskspace'.ui_visible"));
        assertEquals(true, r.getBoolean("'pithos.diskspace'.api_visible"));
        assertEquals("pithos_object-store", r.getString("'pithos.diskspace'.service"));
    }

    @Test
    void quotasReportTheSystemProjectWithSixNumbers() {
        TestUser user = IdentityTestSupport.newUser();
        JsonPath q = given().header("X-Auth-Token", user.token()).get("/account/v1.0/quotas")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of(user.uuid()), q.getMap("").keySet());
        Map<String, Map<String, Number>> project = q.getMap("'" + user.uuid() + "'");
        assertEquals(VISIBLE, project.keySet());
        Map<String, Number> vm = project.get("cyclades.vm");
        assertEquals(Set.of("limit", "usage", "pending", "project_limit", "project_usage", "project_pending"), vm.keySet());
        assertEquals(4, vm.get("limit").intValue());
        assertEquals(4, vm.get("project_limit").intValue());
        assertEquals(0, vm.get("usage").intValue());
        assertEquals(42949672960L, project.get("pithos.diskspace").get("limit").longValue());
    }

    @Test
    void quotasNeedAUserToken() {
        given().get("/account/v1.0/quotas").then().statusCode(401)
                .body("unauthorized.message", equalTo("Access denied. No authentication token"));
        given().header("X-Auth-Token", "nope").get("/account/v1.0/quotas").then().statusCode(401)
                .body("unauthorized.message", equalTo("Invalid X-Auth-Token"));
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).get("/account/v1.0/quotas").then().statusCode(401);
    }

    @Test
    void tokenInTheQueryParameterWins() {
        TestUser user = IdentityTestSupport.newUser();
        given().queryParam("X-Auth-Token", user.token()).header("X-Auth-Token", "bogus")
                .get("/account/v1.0/quotas").then().statusCode(200);
    }

    @Test
    void userCatalogsTranslateBothWaysCaseInsensitively() {
        TestUser user = IdentityTestSupport.newUser();
        String shouted = user.email().toUpperCase();
        JsonPath c = given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("uuids", List.of(user.uuid(), UUID.randomUUID().toString(), "not-a-uuid"),
                        "displaynames", List.of(shouted, "nobody@example.org")))
                .post("/account/v1.0/user_catalogs")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of(user.uuid(), user.email()), c.getMap("uuid_catalog"));
        assertEquals(Map.of(shouted, user.uuid()), c.getMap("displayname_catalog"));
        // body parsed whatever the content type; both keys always present
        JsonPath empty = given().header("X-Auth-Token", user.token()).contentType("text/plain").body("{}")
                .post("/account/v1.0/user_catalogs").then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of(), empty.getMap("uuid_catalog"));
        assertEquals(Map.of(), empty.getMap("displayname_catalog"));
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body("{\"displaynames\": null}")
                .post("/account/v1.0/user_catalogs").then().statusCode(400);
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body("{\"displaynames\": [1]}")
                .post("/account/v1.0/user_catalogs").then().statusCode(400);
    }

    @Test
    void serviceUserCatalogsAcceptNullForEveryoneAndRefuseUserTokens() {
        TestUser user = IdentityTestSupport.newUser();
        JsonPath c = given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON)
                .body("{\"uuids\": null}")
                .post("/account/v1.0/service/user_catalogs").then().statusCode(200).extract().jsonPath();
        assertEquals(user.email(), c.getString("uuid_catalog.'" + user.uuid() + "'"));
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON).body("{}")
                .post("/account/v1.0/service/user_catalogs").then().statusCode(401);
    }

    @Test
    void defaultProjectFollowsTheSpecChecks() {
        TestUser user = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("project_id", user.uuid()))
                .post("/account/v1.0/myaccount/default_project")
                .then().statusCode(200).body(equalTo(""));
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("project_id", UUID.randomUUID().toString()))
                .post("/account/v1.0/myaccount/default_project")
                .then().statusCode(404).body("itemNotFound.code", equalTo(404));
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("project_id", "4536563342366646756"))
                .post("/account/v1.0/myaccount/default_project")
                .then().statusCode(404);
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body("{\"project_id\": null}")
                .post("/account/v1.0/myaccount/default_project")
                .then().statusCode(403);
        TestUser other = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", user.token()).contentType(ContentType.JSON)
                .body(Map.of("project_id", other.uuid()))
                .post("/account/v1.0/myaccount/default_project")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", user.token()))))
                .post("/identity/v2.0/tokens").then().statusCode(200)
                .body("access.token.tenant.id", equalTo(user.uuid()));
    }

    @Test
    void serviceQuotasAreScopedToTheComponentsResources() {
        TestUser user = IdentityTestSupport.newUser();
        JsonPath cyclades = given().header("X-Auth-Token", IdentityTestSupport.CYCLADES)
                .queryParam("user", user.uuid())
                .get("/account/v1.0/service_quotas").then().statusCode(200).extract().jsonPath();
        Set<Object> cycladesResources = cyclades.getMap("'" + user.uuid() + "'.'" + user.uuid() + "'").keySet();
        assertEquals(Set.<Object>of("cyclades.vm", "cyclades.cpu", "cyclades.total_cpu", "cyclades.ram", "cyclades.total_ram",
                "cyclades.disk", "cyclades.network.private", "cyclades.floating_ip"), cycladesResources);
        JsonPath pithos = given().header("X-Auth-Token", IdentityTestSupport.PITHOS)
                .queryParam("user", user.uuid() + "," + UUID.randomUUID())
                .get("/account/v1.0/service_quotas").then().statusCode(200).extract().jsonPath();
        assertEquals(42949672960L,
                pithos.getLong("'" + user.uuid() + "'.'" + user.uuid() + "'.'pithos.diskspace'.usage") + 42949672960L);
        given().header("X-Auth-Token", IdentityTestSupport.PITHOS).queryParam("user", UUID.randomUUID().toString())
                .get("/account/v1.0/service_quotas").then().statusCode(404);
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/service_quotas").then().statusCode(401);
    }

    @Test
    void serviceProjectQuotasReportProjectNumbers() {
        TestUser user = IdentityTestSupport.newUser();
        JsonPath p = given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).queryParam("project", user.uuid())
                .get("/account/v1.0/service_project_quotas").then().statusCode(200).extract().jsonPath();
        Map<String, Number> vm = p.getMap("'" + user.uuid() + "'.'cyclades.vm'");
        assertEquals(Set.of("project_limit", "project_usage", "project_pending"), vm.keySet());
        assertEquals(4, vm.get("project_limit").intValue());
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).queryParam("project", UUID.randomUUID().toString())
                .get("/account/v1.0/service_project_quotas").then().statusCode(404);
    }

    @Test
    void componentIntrospectionNamesTheCaller() {
        given().header("X-Auth-Token", IdentityTestSupport.PITHOS).get("/account/v1.0/service/component")
                .then().statusCode(200).body("name", equalTo("pithos")).body("expires", nullValue());
    }

    @Test
    void uiHelpersListTheComponents() {
        List<String> names = given().get("/ui/get_services").then().statusCode(200).extract().jsonPath().getList("name");
        assertEquals(List.of("astakos", "cyclades", "pithos"), names);
        assertFalse(given().get("/ui/get_menu").then().statusCode(200).extract().jsonPath().getList("").isEmpty());
    }

    static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> listOf(Object... items) {
        return Arrays.asList(items);
    }
}
