package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Through the gateway: a project is created, a second user is enrolled and sees the project's quota. */
@ExtendWith(SystemStackExtension.class)
class ProjectsThroughGatewayIT {

    private final SystemStack stack;

    ProjectsThroughGatewayIT(SystemStack stack) {
        this.stack = stack;
    }

    private RequestSpecification gateway() {
        return given().baseUri(stack.gatewayUrl());
    }

    @Test
    void aSecondUserEnrolledInAProjectSeesItsQuota() {
        String email = "second-" + UUID.randomUUID() + "@example.org";
        JsonPath second = gateway().header("X-Auth-Token", stack.adminToken).contentType(ContentType.JSON)
                .body(Map.of("user", Map.of("username", email, "first_name", "Second", "last_name", "User")))
                .post("/identity/v2.0/users").then().statusCode(200).extract().jsonPath();
        String secondUuid = second.getString("user.id");
        String secondToken = second.getString("user.auth_token");

        String name = "sys" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        Map<String, Object> project = Map.of("name", name, "owner", SystemStack.DEMO_UUID,
                "end_date", OffsetDateTime.now().plusDays(30).toString(),
                "resources", Map.of("cyclades.vm", Map.of("project_capacity", 6, "member_capacity", 3)));
        String projectId = gateway().header("X-Auth-Token", stack.adminToken).contentType(ContentType.JSON)
                .body(Map.of("project", project)).post("/identity/v2.0/projects")
                .then().statusCode(201).extract().jsonPath().getString("id");

        gateway().header("X-Auth-Token", stack.demoToken).get("/account/v1.0/projects/" + projectId)
                .then().statusCode(200).body("state", equalTo("active")).body("owner", equalTo(SystemStack.DEMO_UUID));
        long membership = gateway().header("X-Auth-Token", stack.demoToken).contentType(ContentType.JSON)
                .body(Map.of("enroll", Map.of("project", projectId, "user", email)))
                .post("/account/v1.0/projects/memberships").then().statusCode(200).extract().jsonPath().getLong("id");
        gateway().header("X-Auth-Token", secondToken).get("/account/v1.0/projects/memberships/" + membership)
                .then().statusCode(200).body("state", equalTo("accepted")).body("allowed_actions", hasItem("leave"));

        JsonPath quotas = gateway().header("X-Auth-Token", secondToken).get("/account/v1.0/quotas")
                .then().statusCode(200).extract().jsonPath();
        String vm = "'" + projectId + "'.'cyclades.vm'.";
        assertEquals(3, quotas.getInt(vm + "limit"));
        assertEquals(0, quotas.getInt(vm + "usage"));
        assertEquals(6, quotas.getInt(vm + "project_limit"));
        assertEquals(4, quotas.getInt("'" + secondUuid + "'.'cyclades.vm'.limit"), "the system project is still there");
        gateway().contentType(ContentType.JSON).body(Map.of("auth", Map.of("token", Map.of("id", secondToken))))
                .post("/identity/v2.0/tokens").then().statusCode(200).body("access.user.projects", hasItem(projectId));
    }
}
