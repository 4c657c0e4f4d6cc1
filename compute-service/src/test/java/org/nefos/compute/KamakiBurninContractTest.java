package org.nefos.compute;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.action;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.awaitStatus;
import static org.nefos.compute.ComputeTestSupport.awaitUsage;
import static org.nefos.compute.ComputeTestSupport.post;
import static org.nefos.compute.ComputeTestSupport.usage;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * The requests kamaki and snf-burnin make of the compute API (cyclades-api.md 8.1, 8.2, 9) that the other
 * classes do not cover: burnin's server create, the per-server sub-resources, consoles, compute floating IPs,
 * version documents and unrouted paths.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class KamakiBurninContractTest {

    private static final long MIB = 1L << 20;

    @Test
    void burninServerCreateWithPersonalityTagsAndKeysReachesActive() {
        TestUser user = ComputeTestSupport.newUser();
        String pub = post(user, "/compute/v2.0/os-keypairs", Map.of("keypair", Map.of("name", "snf-test-key")))
                .then().statusCode(201).extract().jsonPath().getString("keypair.public_key");
        assertTrue(pub.startsWith("ssh-rsa "));
        String contents = Base64.getEncoder().encodeToString("hello burnin\n".getBytes());
        Map<String, Object> server = Map.of("name", "snf-test-burnin", "imageRef", ComputeTestSupport.debian(),
                "flavorRef", 1, "metadata", Map.of("os", "debian", "users", "root"),
                "personality", List.of(Map.of("path", "/root/test_inj_file", "owner", "root", "group", "root",
                        "mode", 0600, "contents", contents)),
                "tags", List.of("tag1", "tag2"), "SNF:key_names", List.of("snf-test-key"),
                "user_data", Base64.getEncoder().encodeToString("#!/bin/sh\necho hi\n".getBytes()));
        JsonPath created = post(user, "/compute/v2.0/servers", Map.of("server", server)).then().statusCode(202)
                .body("server.status", equalTo("BUILD"))
                .body("server.name", equalTo("snf-test-burnin"))
                .body("server.flavor.id", equalTo(1))
                .body("server.tenant_id", equalTo(user.uuid()))
                .body("server.key_name", equalTo("snf-test-key"))
                .body("server.'SNF:key_names'", equalTo(List.of("snf-test-key")))
                .body("server.tags", equalTo(List.of()))
                .extract().jsonPath();
        long id = created.getLong("server.id");
        String adminPass = created.getString("server.adminPass");
        assertTrue(adminPass.matches("(?=.*[a-z])(?=.*[A-Z])(?=.*\\d).{10}"), adminPass);
        // burnin formats "-%d" % server['id'] and compares hostnames with it
        assertTrue(created.getString("server.'SNF:fqdn'").contains(id + ""), created.getString("server.'SNF:fqdn'"));
        assertEquals(1, usage(user, "cyclades.vm"));
        post(user, "/compute/v2.0/servers/" + id + "/metadata", Map.of("metadata", Map.of("OS", "Debian"))).then()
                .statusCode(201).body("metadata.OS", equalTo("Debian")).body("metadata.users", equalTo("root"));
        JsonPath active = awaitStatus(user, id, "ACTIVE");
        assertEquals(List.of("tag1", "tag2"), active.getList("server.tags"));
        assertEquals("Debian", active.getString("server.metadata.OS"));

        // burnin's look at the detail list while the server builds, on a build that cannot finish first
        long building = ComputeTestSupport.createServer(user, ComputeTestSupport.SMALL, Map.of("nefos:hang-build", ""));
        as(user).get("/compute/v2.0/servers/detail").then().statusCode(200)
                .body("servers.find { it.id == " + building + " }.status", equalTo("BUILD"))
                .body("servers.find { it.id == " + building + " }.'SNF:task_state'", equalTo("BUILDING"))
                .body("servers.find { it.id == " + id + " }.status", equalTo("ACTIVE"));
        as(user).delete("/compute/v2.0/servers/" + building).then().statusCode(204);
        as(user).get("/compute/v2.0/servers/" + id + "/password").then().statusCode(200)
                .body("password", equalTo(adminPass));
    }

    @Test
    void perServerSubResourcesAnswerKamakisShapes() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        String path = "/compute/v2.0/servers/" + id;
        as(user).get(path + "/ips").then().statusCode(200)
                .header("Content-Type", "application/json; charset=UTF-8")
                .body("addresses", equalTo(Map.of())).body("attachments", equalTo(List.of()));
        // the public network (1) is visible but holds no port of this server; an unknown network is 404
        as(user).get(path + "/ips/1").then().statusCode(200).body("network", equalTo(Map.of()));
        as(user).get(path + "/ips/999999").then().statusCode(404).body("itemNotFound.code", equalTo(404));
        as(user).get(path + "/stats").then().statusCode(200)
                .body("stats.serverRef", equalTo((int) id)).body("stats.refresh", equalTo(60))
                .body("stats", org.hamcrest.Matchers.hasKey("cpuBar"))
                .body("stats", org.hamcrest.Matchers.hasKey("netTimeSeries"));
        as(user).get(path + "/diagnostics").then().statusCode(200).body("$", instanceOf(List.class));
        as(user).get(path + "/password").then().statusCode(200).body("password.length()", equalTo(10));
        as(user).delete(path + "/password").then().statusCode(204);
        as(user).get(path + "/password").then().statusCode(404).body("itemNotFound.code", equalTo(404));
        post(user, path + "/action", Map.of("os-getVNCConsole", Map.of("type", "novnc"))).then().statusCode(200)
                .body("console.type", equalTo("novnc")).body("console.url", startsWith("vnc://"));
        action(user, id, Map.of("os-getVNCConsole", Map.of("type", "spice")), 400);
        action(user, id, Map.of("os-getSPICEConsole", Map.of("type", "spice-html5")), 501);
        for (String type : List.of("vnc-ws", "vnc-wss")) {
            post(user, path + "/action", Map.of("console", Map.of("type", type))).then().statusCode(200)
                    .body("console.type", equalTo(type)).body("console.port", instanceOf(Integer.class))
                    .body("console.password.length()", org.hamcrest.Matchers.greaterThan(0));
        }
        action(user, id, Map.of("console", Map.of()), 400);
        action(user, id, Map.of("addFloatingIp", Map.of()), 400);
    }

    @Test
    void rebootFromStoppedChargesTheRunningResourcesAgain() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        action(user, id, Map.of("shutdown", Map.of()), 202);
        awaitStatus(user, id, "STOPPED");
        awaitUsage(user, "cyclades.cpu", 0);
        action(user, id, Map.of("reboot", Map.of("type", "SOFT")), 202);
        // charged the moment the reboot is admitted
        assertEquals(1, usage(user, "cyclades.cpu"));
        assertEquals(1024 * MIB, usage(user, "cyclades.ram"));
        awaitStatus(user, id, "ACTIVE");
        assertEquals(1, usage(user, "cyclades.cpu"));
        // a reboot of a running server charges nothing
        action(user, id, Map.of("reboot", Map.of()), 202);
        awaitStatus(user, id, "ACTIVE");
        assertEquals(1, usage(user, "cyclades.cpu"));
        assertEquals(1, usage(user, "cyclades.vm"));
    }

    @Test
    void createValidationFollowsTheSpecOrder() {
        TestUser user = ComputeTestSupport.newUser();
        String path = "/compute/v2.0/servers";
        post(user, path, Map.of("keypair", Map.of("name", "k1"))).then().statusCode(400);
        post(user, "/compute/v2.0/os-keypairs", Map.of("keypair", Map.of("name", "k1"))).then().statusCode(201);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "key_name", "k1", "SNF:key_names", List.of("k1")))).then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "SNF:key_names", List.of("k1", "missing")))).then().statusCode(404);
        String big = Base64.getEncoder().encodeToString(new byte[10241]);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "personality", List.of(Map.of("path", "/big", "contents", big))))).then().statusCode(413)
                .body("overLimit.code", equalTo(413));
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "personality", List.of(Map.of("path", "/a", "contents", "YQ==", "colour", "red"))))).then()
                .statusCode(400);
        post(user, path, Map.of("server", Map.of("name", "x".repeat(256), "imageRef", ComputeTestSupport.debian(),
                "flavorRef", 1))).then().statusCode(400);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "project", "00000000-0000-4000-8000-000000000000"))).then().statusCode(400)
                .body("badRequest.message", equalTo("User " + user.uuid()
                        + " not in project 00000000-0000-4000-8000-000000000000"));
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(), "flavorRef", 1,
                "tags", List.of("a/b")))).then().statusCode(400);
        post(user, path, Map.of("server", Map.of("name", "n", "imageRef", 5, "flavorRef", 1))).then().statusCode(400);
        assertEquals(0, usage(user, "cyclades.vm"));
        // the explicit project equal to the default one is accepted
        long id = post(user, path, Map.of("server", Map.of("name", "n", "imageRef", ComputeTestSupport.debian(),
                "flavorRef", "1", "project", user.uuid()))).then().statusCode(202).extract().jsonPath()
                .getLong("server.id");
        assertEquals(user.uuid(), ComputeTestSupport.server(user, id).getString("server.tenant_id"));
        awaitStatus(user, id, "ACTIVE");
    }

    @Test
    void versionDocumentsNeedNoTokenAndUnroutedPathsAre400() {
        given().get("/compute").then().statusCode(200).body("versions[0].id", equalTo("v2.0"))
                .body("versions[0].status", equalTo("CURRENT"));
        given().get("/compute/v2.0").then().statusCode(200).body("version.id", equalTo("v2.0"))
                .body("version.links[0].rel", equalTo("self"))
                .body("version.links[0].href", equalTo("http://127.0.0.1:8080/compute/v2.0/"));
        TestUser user = ComputeTestSupport.newUser();
        for (String unrouted : List.of("/compute/v2.0/limits", "/compute/v2.0/os-floating-ip-pools",
                "/compute/v2.0/servers/abc", "/compute/v2.0/servers/1/nothing")) {
            as(user).get(unrouted).then().statusCode(400).body("badRequest.message", equalTo("API endpoint not found"));
        }
        as(user).get("/compute/v2.0/extensions/OS-EXT").then().statusCode(404);
        given().get("/compute/v2.0/servers").then().statusCode(401).body("unauthorized.code", equalTo(401));
        given().header("X-Auth-Token", "not-a-token").get("/compute/v2.0/servers").then().statusCode(401);
    }
}
