package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A server is built over Kafka and its quota moves, all through the gateway against the service jars. */
@ExtendWith(SystemStackExtension.class)
class ComputeThroughGatewayIT {

    private final SystemStack stack;

    ComputeThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    private RequestSpecification demo() {
        return given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken);
    }

    @Test
    void aServerReachesActiveAndItsQuotaComesBackOnDelete() {
        String compute = demo().contentType(ContentType.JSON).post("/identity/v2.0/tokens").then().statusCode(200)
                .extract().jsonPath().getString("access.serviceCatalog.find { it.type == 'compute' }.endpoints[0].publicURL");
        assertEquals(stack.gatewayUrl() + "/compute/v2.0", compute);

        List<Map<String, Object>> flavors = demo().get("/compute/v2.0/flavors/detail").then().statusCode(200)
                .extract().jsonPath().getList("flavors");
        Map<String, Object> flavor = flavors.stream()
                .filter(f -> Boolean.TRUE.equals(f.get("SNF:allow_create")) && ((Number) f.get("vcpus")).intValue() == 1)
                .findFirst().orElseThrow();
        String image = demo().get("/compute/v2.0/images").then().statusCode(200).extract().jsonPath().getString("images[0].id");
        long vmBefore = usage("cyclades.vm");

        JsonPath created = demo().contentType(ContentType.JSON)
                .body(Map.of("server", Map.of("name", "sys-" + UUID.randomUUID(), "flavorRef", flavor.get("id"),
                        "imageRef", image)))
                .post("/compute/v2.0/servers").then().statusCode(202).extract().jsonPath();
        long id = created.getLong("server.id");
        assertEquals("BUILD", created.getString("server.status"));
        assertEquals(vmBefore + 1, usage("cyclades.vm"), "charged at once");

        JsonPath active = Poll.until(() -> demo().get("/compute/v2.0/servers/" + id).then().statusCode(200).extract().jsonPath(),
                s -> "ACTIVE".equals(s.getString("server.status")), Duration.ofSeconds(60), "server " + id + " ACTIVE");
        assertEquals(SystemStack.DEMO_UUID, active.getString("server.user_id"));
        assertEquals(SystemStack.DEMO_UUID, active.getString("server.tenant_id"));
        assertTrue(active.getString("server.links[0].href").startsWith(stack.gatewayUrl() + "/compute/v2.0/servers/"));

        demo().delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        Poll.until(() -> usage("cyclades.vm"), n -> n == vmBefore, Duration.ofSeconds(60), "the vm quota released");
        Poll.until(() -> demo().get("/compute/v2.0/servers/" + id).then().extract().response(),
                r -> r.statusCode() == 404 || "DELETED".equals(r.jsonPath().getString("server.status")),
                Duration.ofSeconds(60), "server " + id + " deleted");
    }

    @Test
    void anotherUserNeverSeesTheServer() {
        String email = "other-" + UUID.randomUUID() + "@example.org";
        String other = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.adminToken)
                .contentType(ContentType.JSON).body(Map.of("user", Map.of("username", email)))
                .post("/identity/v2.0/users").then().statusCode(200).extract().jsonPath().getString("user.auth_token");
        String image = demo().get("/compute/v2.0/images").then().statusCode(200).extract().jsonPath().getString("images[0].id");
        Object flavor = demo().get("/compute/v2.0/flavors").then().statusCode(200).extract().jsonPath().get("flavors[0].id");
        long id = demo().contentType(ContentType.JSON)
                .body(Map.of("server", Map.of("name", "private-" + UUID.randomUUID(), "flavorRef", flavor, "imageRef", image)))
                .post("/compute/v2.0/servers").then().statusCode(202).extract().jsonPath().getLong("server.id");
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", other).get("/compute/v2.0/servers/" + id)
                .then().statusCode(404);
        List<Object> theirs = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", other)
                .get("/compute/v2.0/servers").then().statusCode(200).extract().jsonPath().getList("servers.id");
        assertTrue(theirs.isEmpty(), theirs.toString());
        demo().delete("/compute/v2.0/servers/" + id).then().statusCode(204);
    }

    private long usage(String resource) {
        return demo().get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath()
                .getLong("'" + SystemStack.DEMO_UUID + "'.'" + resource + "'.usage");
    }
}
