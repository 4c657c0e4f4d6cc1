package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first vertical slice: a client authenticates and moves quota through the gateway. */
@ExtendWith(SystemStackExtension.class)
class IdentityThroughGatewayIT {

    private final SystemStack stack;

    IdentityThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    private RequestSpecification gateway() {
        return given().baseUri(stack.gatewayUrl());
    }

    @Test
    void publicCatalogPointsAtTheGateway() {
        JsonPath reply = gateway().contentType(ContentType.JSON).post("/identity/v2.0/tokens")
                .then().statusCode(200).extract().jsonPath();
        List<String> urls = reply.getList("access.serviceCatalog.endpoints.publicURL.flatten()");
        assertEquals(11, urls.size());
        for (String url : urls) {
            assertTrue(url.startsWith(stack.gatewayUrl() + "/"), url);
        }
    }

    @Test
    void theDemoUserAuthenticatesThroughTheGateway() {
        JsonPath reply = gateway().contentType(ContentType.JSON)
                .body(Map.of("auth", Map.of("token", Map.of("id", stack.demoToken))))
                .post("/identity/v2.0/tokens").then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of("token", "user", "serviceCatalog"), reply.getMap("access").keySet());
        assertEquals(stack.demoToken, reply.getString("access.token.id"));
        assertEquals(SystemStack.DEMO_UUID, reply.getString("access.user.id"));
        assertEquals(SystemStack.DEMO_UUID, reply.getString("access.token.tenant.id"));
        // the account API is reachable on the same host:port as the identity API
        String account = reply.getString("access.serviceCatalog.find { it.name == 'astakos_account' }.endpoints[0].publicURL");
        given().baseUri(account).header("X-Auth-Token", stack.demoToken).get("/quotas")
                .then().statusCode(200).body("'" + SystemStack.DEMO_UUID + "'.'cyclades.vm'.limit", equalTo(4));
    }

    @Test
    void aCommissionCycleMovesQuotaThroughTheGateway() {
        Map<String, Object> body = Map.of("name", "system test", "provisions", List.of(
                Map.of("holder", "user:" + SystemStack.DEMO_UUID, "source", "project:" + SystemStack.DEMO_UUID,
                        "resource", "cyclades.disk", "quantity", 1073741824L),
                projectProvision("cyclades.disk", 1073741824L)));
        long before = usage("cyclades.disk");
        long serial = gateway().header("X-Auth-Token", stack.cycladesToken).contentType(ContentType.JSON).body(body)
                .post("/account/v1.0/commissions").then().statusCode(201).extract().jsonPath().getLong("serial");
        assertEquals(before + 1073741824L, usage("cyclades.disk"));
        assertEquals(1073741824L, pending("cyclades.disk"));
        gateway().header("X-Auth-Token", stack.cycladesToken).contentType(ContentType.JSON).body(Map.of("accept", ""))
                .post("/account/v1.0/commissions/" + serial + "/action").then().statusCode(200);
        assertEquals(before + 1073741824L, usage("cyclades.disk"));
        assertEquals(0, pending("cyclades.disk"));

        long release = gateway().header("X-Auth-Token", stack.cycladesToken).contentType(ContentType.JSON)
                .body(Map.of("provisions", List.of(
                        Map.of("holder", "user:" + SystemStack.DEMO_UUID, "source", "project:" + SystemStack.DEMO_UUID,
                                "resource", "cyclades.disk", "quantity", -1073741824L),
                        projectProvision("cyclades.disk", -1073741824L))))
                .post("/account/v1.0/commissions").then().statusCode(201).extract().jsonPath().getLong("serial");
        gateway().header("X-Auth-Token", stack.cycladesToken).contentType(ContentType.JSON).body(Map.of("reject", ""))
                .post("/account/v1.0/commissions/" + release + "/action").then().statusCode(200);
        assertEquals(before + 1073741824L, usage("cyclades.disk"));
    }

    @Test
    void faultsKeepTheirShapeThroughTheGateway() {
        gateway().get("/no-such-service/v1").then().statusCode(404).body("itemNotFound.code", equalTo(404));
        gateway().get("/identity/v2.0/no-such-route").then().statusCode(400)
                .body("badRequest.message", equalTo("API endpoint not found"));
        gateway().header("X-Auth-Token", "not-a-token").get("/account/v1.0/quotas").then().statusCode(401)
                .body("unauthorized.code", equalTo(401));
        gateway().get("/identity/v2.0/tokens").then().statusCode(405).header("Allow", equalTo("POST"));
    }

    private long usage(String resource) {
        return quotas().getLong("'" + SystemStack.DEMO_UUID + "'.'" + resource + "'.usage");
    }

    private long pending(String resource) {
        return quotas().getLong("'" + SystemStack.DEMO_UUID + "'.'" + resource + "'.pending");
    }

    private JsonPath quotas() {
        return gateway().header("X-Auth-Token", stack.demoToken).get("/account/v1.0/quotas")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> projectProvision(String resource, long quantity) {
        Map<String, Object> p = new HashMap<>();
        p.put("holder", "project:" + SystemStack.DEMO_UUID);
        p.put("source", null);
        p.put("resource", resource);
        p.put("quantity", quantity);
        return p;
    }
}
