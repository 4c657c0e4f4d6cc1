package org.nefos.compute;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.as;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Flavors and the image view: shapes, names, types and faults exactly as cyclades-api.md 2.10, 2.11, 3.3, 3.4. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class FlavorImageResourceTest {

    @Test
    void flavorListsAgreeAndNamesFollowTheTemplate() {
        TestUser user = ComputeTestSupport.newUser();
        JsonPath brief = as(user).get("/compute/v2.0/flavors").then().statusCode(200)
                .header("Content-Type", "application/json; charset=UTF-8").extract().jsonPath();
        JsonPath detail = as(user).get("/compute/v2.0/flavors/detail").then().statusCode(200)
                .body("flavors.id", everyItem(instanceOf(Integer.class)))
                .body("flavors.vcpus", everyItem(instanceOf(Integer.class)))
                .body("flavors", everyItem(hasKey("SNF:disk_template")))
                .body("flavors", everyItem(hasKey("SNF:allow_create")))
                .body("flavors", everyItem(hasKey("os-flavor-access:is_public")))
                .extract().jsonPath();
        List<String> names = brief.getList("flavors.name");
        assertEquals(names, detail.getList("flavors.name"));
        assertEquals(names.size(), names.stream().distinct().count(), "names are unique");
        List<Map<String, Object>> flavors = detail.getList("flavors");
        for (Map<String, Object> f : flavors) {
            assertEquals("C" + f.get("vcpus") + "R" + f.get("ram") + "D" + f.get("disk") + f.get("SNF:disk_template"),
                    f.get("name"));
        }
        assertTrue(flavors.stream().anyMatch(f -> "drbd".equals(f.get("SNF:disk_template"))));
        assertTrue(flavors.stream().anyMatch(f -> String.valueOf(f.get("SNF:disk_template")).startsWith("ext_")));
        assertTrue(flavors.stream().anyMatch(f -> Boolean.FALSE.equals(f.get("SNF:allow_create"))));
        assertEquals(java.util.Set.of("id", "name", "links"), ((Map<?, ?>) brief.getList("flavors").get(0)).keySet(),
                "short form is id, name, links");
    }

    @Test
    void flavorGetAndFaults() {
        TestUser user = ComputeTestSupport.newUser();
        as(user).get("/compute/v2.0/flavors/1").then().statusCode(200)
                .body("flavor.id", equalTo(1)).body("flavor.name", equalTo("C1R1024D10drbd"))
                .body("flavor.links[0].rel", equalTo("self"))
                .body("flavor.links[0].href", equalTo("http://127.0.0.1:8080/compute/v2.0/flavors/1"));
        as(user).get("/compute/v2.0/flavors/999999").then().statusCode(404).body("itemNotFound.code", equalTo(404));
        as(user).get("/compute/v2.0/flavors/abc").then().statusCode(400)
                .body("badRequest.message", equalTo("API endpoint not found"));
        as(user).get("/compute/v2.0/flavors?SNF:flavor-access=someone").then().statusCode(200)
                .body("flavors.size()", equalTo(0));
        as(user).get("/compute/v2.0/flavors/1/os-extra_specs").then().statusCode(200)
                .body("extra_specs.size()", equalTo(0));
        as(user).post("/compute/v2.0/flavors/1").then().statusCode(405).header("Allow", "GET");
    }

    @Test
    void tokensAreRequired() {
        given().get("/compute/v2.0/flavors").then().statusCode(401).body("unauthorized.code", equalTo(401));
        given().header("X-Auth-Token", "not-a-token").get("/compute/v2.0/servers").then().statusCode(401);
    }

    @Test
    void imagesShortDetailGetAndMetadata() {
        TestUser user = ComputeTestSupport.newUser();
        as(user).get("/compute/v2.0/images").then().statusCode(200)
                .body("images[0].keySet()", equalTo(java.util.Set.of("id", "name")));
        as(user).get("/compute/v2.0/images/detail").then().statusCode(200)
                .body("images.find { it.id == '" + ComputeTestSupport.debian() + "' }.metadata.osfamily",
                        equalTo("linux"))
                .body("images[0].progress", equalTo(100)).body("images[0].is_snapshot", equalTo(false))
                .body("images[0].links.size()", equalTo(3));
        String image = "/compute/v2.0/images/" + ComputeTestSupport.debian();
        as(user).get(image).then().statusCode(200).body("image.status", equalTo("ACTIVE"))
                .body("image.metadata.users", equalTo("root")).body("image", hasKey("updated"));
        as(user).get(image + "/metadata").then().statusCode(200).body("metadata.os", equalTo("debian"));
        as(user).get(image + "/metadata/os").then().statusCode(200).body("meta.os", equalTo("debian"));
        as(user).get(image + "/metadata/nope").then().statusCode(404);
        as(user).get("/compute/v2.0/images/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("itemNotFound.message", not(equalTo("")));
        // the public image belongs to the system user: image-service refuses the change, compute relays it
        ComputeTestSupport.post(user, image + "/metadata", Map.of("metadata", Map.of("x", "y"))).then()
                .statusCode(403).body("forbidden.code", equalTo(403));
        as(user).delete(image).then().statusCode(403).body("forbidden.code", equalTo(403));
        as(user).post("/compute/v2.0/images").then().statusCode(501);
    }
}
