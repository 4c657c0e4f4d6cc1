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

    /** Issue 4's flow: power cycle, resize while stopped, reassign to another project, delete; quota follows. */
    @Test
    void theLifecycleMovesQuotaBetweenProjects() {
        String project = projectOfTheDemoUser();
        List<Map<String, Object>> flavors = demo().get("/compute/v2.0/flavors/detail").then().statusCode(200)
                .extract().jsonPath().getList("flavors");
        Map<String, Object> small = flavor(flavors, "C1R1024D10drbd");
        Map<String, Object> bigger = flavor(flavors, "C2R2048D10drbd");
        String image = demo().get("/compute/v2.0/images").then().statusCode(200).extract().jsonPath().getString("images[0].id");
        long cpu = usage(SystemStack.DEMO_UUID, "cyclades.cpu");
        long vm = usage(SystemStack.DEMO_UUID, "cyclades.vm");

        long id = demo().contentType(ContentType.JSON)
                .body(Map.of("server", Map.of("name", "cycle-" + UUID.randomUUID(), "flavorRef", small.get("id"),
                        "imageRef", image)))
                .post("/compute/v2.0/servers").then().statusCode(202).extract().jsonPath().getLong("server.id");
        awaitStatus(id, "ACTIVE");
        assertEquals(cpu + 1, usage(SystemStack.DEMO_UUID, "cyclades.cpu"));

        action(id, Map.of("shutdown", Map.of()), 202);
        awaitStatus(id, "STOPPED");
        Poll.until(() -> usage(SystemStack.DEMO_UUID, "cyclades.cpu"), n -> n == cpu, Duration.ofSeconds(30),
                "cpu released while stopped");

        action(id, Map.of("resize", Map.of("flavorRef", bigger.get("id"))), 202);
        Poll.until(() -> server(id), s -> ((Number) s.get("server.flavor.id")).longValue()
                == ((Number) bigger.get("id")).longValue() && "".equals(s.getString("server.'SNF:task_state'")),
                Duration.ofSeconds(60), "resized");
        action(id, Map.of("start", Map.of()), 202);
        awaitStatus(id, "ACTIVE");
        assertEquals(cpu + 2, usage(SystemStack.DEMO_UUID, "cyclades.cpu"));

        demo().contentType(ContentType.JSON).body(Map.of("reassign", Map.of("project", project)))
                .post("/compute/v2.0/servers/" + id + "/action").then().statusCode(200);
        assertEquals(vm, usage(SystemStack.DEMO_UUID, "cyclades.vm"), "released from the system project");
        assertEquals(cpu, usage(SystemStack.DEMO_UUID, "cyclades.cpu"));
        assertEquals(1, usage(project, "cyclades.vm"), "charged to the new project");
        assertEquals(2, usage(project, "cyclades.cpu"));
        assertEquals(project, server(id).getString("server.tenant_id"));

        demo().delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        Poll.until(() -> usage(project, "cyclades.vm"), n -> n == 0, Duration.ofSeconds(60), "the project's vm returned");
        assertEquals(0, usage(project, "cyclades.cpu"));
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
        return usage(SystemStack.DEMO_UUID, resource);
    }

    private long usage(String project, String resource) {
        return demo().get("/account/v1.0/quotas").then().statusCode(200).extract().jsonPath()
                .getLong("'" + project + "'.'" + resource + "'.usage");
    }

    private JsonPath server(long id) {
        return demo().get("/compute/v2.0/servers/" + id).then().statusCode(200).extract().jsonPath();
    }

    private void awaitStatus(long id, String status) {
        Poll.until(() -> server(id), s -> status.equals(s.getString("server.status"))
                && "".equals(s.getString("server.'SNF:task_state'")), Duration.ofSeconds(60), "server " + id + " " + status);
    }

    private void action(long id, Map<String, Object> body, int status) {
        demo().contentType(ContentType.JSON).body(body).post("/compute/v2.0/servers/" + id + "/action")
                .then().statusCode(status);
    }

    private static Map<String, Object> flavor(List<Map<String, Object>> flavors, String name) {
        return flavors.stream().filter(f -> name.equals(f.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no flavor " + name));
    }

    /** An active project owned by the demo user, who is enrolled in it, with room for two small servers. */
    private String projectOfTheDemoUser() {
        Map<String, Object> capacities = Map.of(
                "cyclades.vm", Map.of("project_capacity", 2, "member_capacity", 2),
                "cyclades.cpu", Map.of("project_capacity", 4, "member_capacity", 4),
                "cyclades.ram", Map.of("project_capacity", 4294967296L, "member_capacity", 4294967296L),
                "cyclades.disk", Map.of("project_capacity", 42949672960L, "member_capacity", 42949672960L));
        String project = given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("project", Map.of("name", "cycle" + UUID.randomUUID().toString().substring(0, 8) + ".example.org",
                        "owner", SystemStack.DEMO_UUID, "end_date", java.time.OffsetDateTime.now().plusDays(7).toString(),
                        "resources", capacities)))
                .post("/identity/v2.0/projects").then().statusCode(201).extract().jsonPath().getString("id");
        demo().contentType(ContentType.JSON).body(Map.of("enroll", Map.of("project", project, "user", "demo@nefos.local")))
                .post("/account/v1.0/projects/memberships").then().statusCode(200);
        return project;
    }
}
