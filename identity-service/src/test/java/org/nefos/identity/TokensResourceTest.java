package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.nefos.identity.IdentityTestSupport.TestUser;
import org.nefos.testing.KafkaResource;
import org.nefos.testing.PostgresResource;

@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class TokensResourceTest {

    static final Set<String> CATALOG_TYPES = Set.of("compute", "object-store", "identity", "account", "image",
            "volume", "network", "astakos_weblogin", "admin", "vmapi", "astakos_auth");

    @Inject
    Pool pool;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    @Test
    void publicModeWithoutBodyAnswersTheCatalogOnly() {
        JsonPath reply = given().contentType(ContentType.JSON)
                .post("/identity/v2.0/tokens")
                .then().statusCode(200).contentType(startsWith("application/json"))
                .extract().jsonPath();
        assertEquals(Set.of("serviceCatalog"), reply.getMap("access").keySet());
        List<String> types = reply.getList("access.serviceCatalog.type");
        assertEquals(CATALOG_TYPES.size(), types.size(), "each type exactly once");
        assertEquals(CATALOG_TYPES, Set.copyOf(types));
    }

    @Test
    void catalogUrlsAreBuiltFromTheGatewayBase() {
        JsonPath reply = given().post("/identity/v2.0/tokens").then().statusCode(200).extract().jsonPath();
        Map<String, Object> account = endpoint(reply, "account");
        assertEquals("v1.0", account.get("versionId"));
        assertEquals("http://127.0.0.1:8080/account/v1.0", account.get("publicURL"));
        assertEquals("http://127.0.0.1:8080/ui", account.get("SNF:uiURL"));
        assertEquals("default", account.get("region"));
        assertEquals("http://127.0.0.1:8080/identity/v2.0", endpoint(reply, "identity").get("publicURL"));
        assertEquals("http://127.0.0.1:8080/compute/v2.0", endpoint(reply, "compute").get("publicURL"));
        assertEquals("http://127.0.0.1:8080/network", endpoint(reply, "network").get("publicURL"));
        assertEquals("http://127.0.0.1:8080/volume", endpoint(reply, "volume").get("publicURL"));
        assertEquals("http://127.0.0.1:8080/image", endpoint(reply, "image").get("publicURL"));
        assertEquals("http://127.0.0.1:8080/object-store/v1", endpoint(reply, "object-store").get("publicURL"));
        assertEquals("astakos_account", reply.getString("access.serviceCatalog.find { it.type == 'account' }.name"));
        for (Object service : reply.getList("access.serviceCatalog")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> endpoints = (List<Map<String, Object>>) ((Map<String, Object>) service).get("endpoints");
            assertEquals(1, endpoints.size());
            assertEquals(true, endpoints.get(0).containsKey("versionId"));
        }
    }

    @Test
    void tokenAuthenticationAnswersTheExactShape() {
        TestUser user = IdentityTestSupport.newUser();
        JsonPath reply = given().contentType(ContentType.JSON)
                .body(Map.of("auth", Map.of("token", Map.of("id", user.token()))))
                .post("/identity/v2.0/tokens")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of("token", "user", "serviceCatalog"), reply.getMap("access").keySet());
        assertEquals(Set.of("id", "name", "roles", "roles_links", "projects"), reply.getMap("access.user").keySet());
        assertEquals(user.token(), reply.getString("access.token.id"));
        assertEquals(user.uuid(), reply.getString("access.token.tenant.id"));
        assertEquals(user.uuid(), reply.getString("access.user.id"));
        assertEquals("Jane Doe", reply.getString("access.user.name"));
        assertEquals(List.of(user.uuid()), reply.getList("access.user.projects"));
        assertEquals(List.of(), reply.getList("access.user.roles_links"));
        String expires = reply.getString("access.token.expires");
        org.hamcrest.MatcherAssert.assertThat(expires, matchesPattern(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?\\+00:00"));
        OffsetDateTime when = OffsetDateTime.parse(expires);
        org.junit.jupiter.api.Assertions.assertTrue(when.isAfter(OffsetDateTime.now().plusDays(29)));
        assertEquals(CATALOG_TYPES, Set.copyOf(reply.getList("access.serviceCatalog.type")));
    }

    @Test
    void passwordCredentialsUseUuidAndToken() {
        TestUser user = IdentityTestSupport.newUser();
        given().contentType(ContentType.JSON)
                .body(Map.of("auth", Map.of("passwordCredentials", Map.of("username", user.uuid(), "password", user.token()),
                        "tenantName", user.uuid())))
                .post("/identity/v2.0/tokens")
                .then().statusCode(200).body("access.user.id", equalTo(user.uuid()));
        given().contentType(ContentType.JSON)
                .body(Map.of("auth", Map.of("passwordCredentials", Map.of("username", "someone-else", "password", user.token()))))
                .post("/identity/v2.0/tokens")
                .then().statusCode(401).body("unauthorized.message", equalTo("Invalid credentials"));
    }

    @Test
    void tenantNameMustBeTheOwnerOrEmpty() {
        TestUser user = IdentityTestSupport.newUser();
        given().contentType(ContentType.JSON)
                .body(Map.of("auth", Map.of("token", Map.of("id", user.token()), "tenantName", "another")))
                .post("/identity/v2.0/tokens")
                .then().statusCode(400).body("badRequest.message", equalTo("Not conforming tenantName"))
                .body("badRequest.code", equalTo(400)).body("badRequest.details", equalTo(""));
        given().contentType(ContentType.JSON)
                .body(Map.of("auth", Map.of("token", Map.of("id", user.token()), "tenantName", "")))
                .post("/identity/v2.0/tokens")
                .then().statusCode(200);
    }

    @Test
    void unknownExpiredAndInactiveTokensAre401() {
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", "no-such-token"))))
                .post("/identity/v2.0/tokens")
                .then().statusCode(401).body("unauthorized.message", equalTo("Invalid token"));

        TestUser expired = IdentityTestSupport.newUser();
        pool.preparedQuery("UPDATE app_user SET token_expires = now() - interval '1 second' WHERE uuid = $1")
                .execute(Tuple.of(java.util.UUID.fromString(expired.uuid()))).await().indefinitely();
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", expired.token()))))
                .post("/identity/v2.0/tokens")
                .then().statusCode(401).body("unauthorized.message", equalTo("Authentication expired"));
        given().header("X-Auth-Token", expired.token()).get("/account/v1.0/quotas")
                .then().statusCode(401).body("unauthorized.message", equalTo("Authentication expired"));

        TestUser inactive = IdentityTestSupport.newUser();
        given().header("X-Auth-Token", IdentityTestSupport.ADMIN).contentType(ContentType.JSON)
                .body(Map.of("deactivate", Map.of("reason", "test")))
                .post("/identity/v2.0/users/" + inactive.uuid() + "/action")
                .then().statusCode(200).body("user.is_active", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", inactive.token()))))
                .post("/identity/v2.0/tokens")
                .then().statusCode(401).body("unauthorized.message", equalTo("User inactive"));
    }

    @Test
    void malformedBodiesAre400WithTheirMessages() throws Exception {
        given().contentType(ContentType.JSON).body("{not json")
                .post("/identity/v2.0/tokens")
                .then().statusCode(400).body("badRequest.message", startsWith("Could not decode request body as JSON"));
        given().contentType("application/xml").body("<auth/>")
                .post("/identity/v2.0/tokens")
                .then().statusCode(400).body("badRequest.message", startsWith("Unsupported Content-type: 'application/xml"));
        java.net.http.HttpResponse<String> noType = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(base.resolve("/identity/v2.0/tokens"))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"auth\": {}}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noType.statusCode());
        assertEquals("Missing Content-Type header field",
                JsonPath.from(noType.body()).getString("badRequest.message"));
        given().contentType(ContentType.JSON).body(Map.of("auth", Map.of()))
                .post("/identity/v2.0/tokens")
                .then().statusCode(400).body("badRequest.message", equalTo("Malformed request: missing credentials"));
        given().contentType(ContentType.JSON).body("{\"auth\": {\"token\": {\"id\": null}}}")
                .post("/identity/v2.0/tokens")
                .then().statusCode(400).body("badRequest.message", equalTo("Malformed request: missing token"));
        given().contentType(ContentType.JSON).body("[1, 2]")
                .post("/identity/v2.0/tokens")
                .then().statusCode(400).body("badRequest.message", startsWith("Malformed request"));
        given().contentType(ContentType.JSON).body(new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'})
                .post("/identity/v2.0/tokens")
                .then().statusCode(400).body("badRequest.message", startsWith("Could not decode request body as JSON"));
    }

    @Test
    void oversizedBodiesAre413WithAFault() {
        String huge = "{\"auth\": {\"token\": {\"id\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}}}";
        given().contentType(ContentType.JSON).body(huge)
                .post("/identity/v2.0/tokens")
                .then().statusCode(413).body("requestEntityTooLarge.code", equalTo(413));
    }

    @Test
    void wrongMethodIs405WithAllowAndUnknownPathIs400() {
        given().get("/identity/v2.0/tokens")
                .then().statusCode(405).header("Allow", equalTo("POST"))
                .body("notAllowed.code", equalTo(405));
        given().get("/identity/v2.0/no-such-thing")
                .then().statusCode(400).body("badRequest.message", equalTo("API endpoint not found"));
        given().header("X-Auth-Token", "whatever").get("/account/v1.0/no/such/path")
                .then().statusCode(400).body("badRequest.message", equalTo("API endpoint not found"));
    }

    @Test
    void versionDocumentsNeedNoToken() {
        given().get("/identity/").then().statusCode(200)
                .body("versions.values[0].id", equalTo("v2.0"))
                .body("versions.values[0].status", equalTo("CURRENT"));
        given().get("/identity/v2.0").then().statusCode(200)
                .body("version.id", equalTo("v2.0"))
                .body("version.media_types[0].type", equalTo("application/vnd.openstack.identity-v2.0+json"))
                .body("version.links.rel", containsInAnyOrder("self", "describedby"));
    }

    @Test
    void oauthTokenValidationKnowsNoUserTokens() {
        TestUser user = IdentityTestSupport.newUser();
        given().get("/identity/v2.0/tokens/" + user.token()).then().statusCode(404)
                .body("itemNotFound.code", equalTo(404));
    }

    @Test
    void repliesAreNeverCached() {
        given().post("/identity/v2.0/tokens").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-cache"))
                .header("Vary", equalTo("X-Auth-Token"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> endpoint(JsonPath reply, String type) {
        List<Map<String, Object>> services = reply.getList("access.serviceCatalog");
        Map<String, Object> service = services.stream().filter(s -> type.equals(s.get("type"))).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) service.get("endpoints")).get(0);
    }

    static org.hamcrest.Matcher<Iterable<? super String>> contains(String s) {
        return hasItem(s);
    }

    static org.hamcrest.Matcher<java.util.Collection<?>> size(int n) {
        return hasSize(n);
    }
}
