package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

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
class CommissionResourceTest {

    static final String VM = "cyclades.vm";

    @Test
    void issueAcceptMovesUsageAndClearsPending() {
        TestUser user = IdentityTestSupport.newUser();
        long serial = issue(user, VM, 1, false, false).then().statusCode(201).extract().jsonPath().getLong("serial");
        assertEquals(new Numbers(4, 1, 1, 4, 1, 1), quota(user, VM));
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).get("/account/v1.0/commissions")
                .then().statusCode(200).body("", hasItem((int) serial));
        JsonPath info = given().header("X-Auth-Token", IdentityTestSupport.CYCLADES)
                .get("/account/v1.0/commissions/" + serial).then().statusCode(200).extract().jsonPath();
        assertEquals(serial, info.getLong("serial"));
        assertEquals("test commission", info.getString("name"));
        assertEquals(2, info.getList("provisions").size());
        assertTrue(info.getString("issue_time").endsWith("+00:00"));

        action(serial, "accept").then().statusCode(200).body(equalTo(""));
        assertEquals(new Numbers(4, 1, 0, 4, 1, 0), quota(user, VM));
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).get("/account/v1.0/commissions/" + serial)
                .then().statusCode(404).body(equalTo(""));
        action(serial, "accept").then().statusCode(404).body(equalTo(""));
    }

    @Test
    void rejectRestoresThePreviousNumbers() {
        TestUser user = IdentityTestSupport.newUser();
        long serial = issue(user, VM, 3, false, false).then().statusCode(201).extract().jsonPath().getLong("serial");
        assertEquals(new Numbers(4, 3, 3, 4, 3, 3), quota(user, VM));
        action(serial, "reject").then().statusCode(200);
        assertEquals(new Numbers(4, 0, 0, 4, 0, 0), quota(user, VM));
    }

    @Test
    void theWorkedExampleOfTheSpec() {
        TestUser user = IdentityTestSupport.newUser();
        IdentityTestSupport.setBaseQuota(user, VM, 2);
        accept(issue(user, VM, 1, false, false));
        // limit 2, usage 1: +1 fits
        accept(issue(user, VM, 1, false, false));
        assertEquals(2, quota(user, VM).usage());
        // +1 does not fit: 413 with the data astakosclient reads
        JsonPath over = issue(user, VM, 1, false, false).then().statusCode(413).extract().jsonPath();
        assertEquals("NoCapacityError", over.getString("overLimit.data.name"));
        assertEquals(2, over.getLong("overLimit.data.limit"));
        assertEquals(2, over.getLong("overLimit.data.usage"));
        assertEquals(1, over.getLong("overLimit.data.provision.quantity"));
        assertEquals(VM, over.getString("overLimit.data.provision.resource"));
        assertEquals(413, over.getInt("overLimit.code"));
        assertTrue(over.getMap("overLimit").containsKey("message"));
        assertTrue(!over.getMap("overLimit").containsKey("details"), "commission faults carry data, not details");
        // force lets an import exceed the limit
        accept(issue(user, VM, 1, true, false));
        assertEquals(new Numbers(2, 3, 0, 2, 3, 0), quota(user, VM));
        // release of 3: usage_min 0, usage_max 3 until accepted
        long release = issue(user, VM, -3, false, false).then().statusCode(201).extract().jsonPath().getLong("serial");
        assertEquals(new Numbers(2, 3, 3, 2, 3, 3), quota(user, VM));
        action(release, "accept").then().statusCode(200);
        assertEquals(new Numbers(2, 0, 0, 2, 0, 0), quota(user, VM));
        // releasing below zero is refused even with force
        JsonPath below = issue(user, VM, -1, true, false).then().statusCode(413).extract().jsonPath();
        assertEquals("NoQuantityError", below.getString("overLimit.data.name"));
        assertEquals(0, below.getLong("overLimit.data.limit"));
        assertEquals(-1, below.getLong("overLimit.data.provision.quantity"));
    }

    @Test
    void autoAcceptIsNeverPending() {
        TestUser user = IdentityTestSupport.newUser();
        long serial = issue(user, VM, 2, false, true).then().statusCode(201).extract().jsonPath().getLong("serial");
        assertEquals(new Numbers(4, 2, 0, 4, 2, 0), quota(user, VM));
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).get("/account/v1.0/commissions/" + serial)
                .then().statusCode(404);
    }

    @Test
    void failingProvisionLeavesNothingBehind() {
        TestUser user = IdentityTestSupport.newUser();
        Map<String, Object> body = Map.of("name", "two resources", "provisions", List.of(
                IdentityTestSupport.userProvision(user, VM, 1), IdentityTestSupport.projectProvision(user, VM, 1),
                IdentityTestSupport.userProvision(user, "cyclades.cpu", 17),
                IdentityTestSupport.projectProvision(user, "cyclades.cpu", 17)));
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON).body(body)
                .post("/account/v1.0/commissions").then().statusCode(413);
        assertEquals(new Numbers(4, 0, 0, 4, 0, 0), quota(user, VM));
    }

    @Test
    void unknownHoldingIs404WithNoHoldingError() {
        TestUser user = IdentityTestSupport.newUser();
        TestUser stranger = IdentityTestSupport.newUser();
        Map<String, Object> body = Map.of("provisions", List.of(Map.of("holder", "user:" + user.uuid(),
                "source", "project:" + stranger.uuid(), "resource", VM, "quantity", 1)));
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON).body(body)
                .post("/account/v1.0/commissions").then().statusCode(404)
                .body("itemNotFound.data.name", equalTo("NoHoldingError"))
                .body("itemNotFound.data.provision.holder", equalTo("user:" + user.uuid()));
    }

    @Test
    void commissionsAreScopedToTheirComponent() {
        TestUser user = IdentityTestSupport.newUser();
        long serial = issue(user, VM, 1, false, false).then().statusCode(201).extract().jsonPath().getLong("serial");
        given().header("X-Auth-Token", IdentityTestSupport.PITHOS).get("/account/v1.0/commissions/" + serial)
                .then().statusCode(404);
        given().header("X-Auth-Token", IdentityTestSupport.PITHOS).get("/account/v1.0/commissions")
                .then().statusCode(200).body("", not(hasItem((int) serial)));
        given().header("X-Auth-Token", IdentityTestSupport.PITHOS).contentType(ContentType.JSON)
                .body(Map.of("accept", "")).post("/account/v1.0/commissions/" + serial + "/action")
                .then().statusCode(404);
        given().header("X-Auth-Token", user.token()).get("/account/v1.0/commissions").then().statusCode(401);
        action(serial, "reject").then().statusCode(200);
    }

    @Test
    void resolveManyReportsNotFoundFirstThenConflicts() {
        TestUser user = IdentityTestSupport.newUser();
        long a = serial(issue(user, VM, 1, false, false));
        long b = serial(issue(user, VM, 1, false, false));
        long c = serial(issue(user, VM, 1, false, false));
        JsonPath r = given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON)
                .body(Map.of("accept", List.of(a, c), "reject", List.of(b, c, 999999999)))
                .post("/account/v1.0/commissions/action").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of((int) a), r.getList("accepted"));
        assertEquals(List.of((int) b), r.getList("rejected"));
        List<List<Object>> failed = r.getList("failed");
        assertEquals(2, failed.size());
        assertEquals(999999999, ((Number) failed.get(0).get(0)).intValue());
        assertEquals(404, r.getInt("failed[0][1].itemNotFound.code"));
        assertEquals((int) c, ((Number) failed.get(1).get(0)).intValue());
        assertEquals(400, r.getInt("failed[1][1].badRequest.code"));
        assertEquals(new Numbers(4, 2, 1, 4, 2, 1), quota(user, VM));
    }

    @Test
    void malformedCommissionsAre400() {
        TestUser user = IdentityTestSupport.newUser();
        post("{}").then().statusCode(400);
        post("{\"provisions\": 5}").then().statusCode(400);
        post("{\"provisions\": [{\"holder\": \"user:x\"}]}").then().statusCode(400)
                .body("badRequest.message", org.hamcrest.Matchers.startsWith("Malformed provision"));
        post("{\"provisions\": [], \"force\": \"yes\"}").then().statusCode(400);
        post("{\"provisions\": [], \"name\": 7}").then().statusCode(400);
        post("{\"provisions\": [{\"holder\": \"user:" + user.uuid() + "\", \"source\": null, \"resource\": \"" + VM
                + "\", \"quantity\": 1.5}]}").then().statusCode(400);
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON)
                .body(Map.of("accept", "", "reject", "")).post("/account/v1.0/commissions/1/action")
                .then().statusCode(400);
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON)
                .body(Map.of("accept", "x")).post("/account/v1.0/commissions/action").then().statusCode(400);
        given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).delete("/account/v1.0/commissions")
                .then().statusCode(405).header("Allow", equalTo("GET,POST"));
    }

    record Numbers(long limit, long usage, long pending, long projectLimit, long projectUsage, long projectPending) {
    }

    static Numbers quota(TestUser user, String resource) {
        return quota(user, user.uuid(), resource);
    }

    /** The caller's six numbers for {@code resource} in {@code project}. */
    static Numbers quota(TestUser user, String project, String resource) {
        JsonPath q = given().header("X-Auth-Token", user.token()).get("/account/v1.0/quotas")
                .then().statusCode(200).extract().jsonPath();
        String p = "'" + project + "'.'" + resource + "'.";
        return new Numbers(q.getLong(p + "limit"), q.getLong(p + "usage"), q.getLong(p + "pending"),
                q.getLong(p + "project_limit"), q.getLong(p + "project_usage"), q.getLong(p + "project_pending"));
    }

    static io.restassured.response.Response issue(TestUser user, String resource, long quantity, boolean force,
            boolean autoAccept) {
        Map<String, Object> body = Map.of("name", "test commission", "force", force, "auto_accept", autoAccept,
                "provisions", List.of(IdentityTestSupport.userProvision(user, resource, quantity),
                        IdentityTestSupport.projectProvision(user, resource, quantity)));
        return given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON).body(body)
                .post("/account/v1.0/commissions");
    }

    static io.restassured.response.Response action(long serial, String action) {
        return given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON)
                .body(Map.of(action, "")).post("/account/v1.0/commissions/" + serial + "/action");
    }

    static io.restassured.response.Response post(String body) {
        return given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON).body(body)
                .post("/account/v1.0/commissions");
    }

    static long serial(io.restassured.response.Response r) {
        return r.then().statusCode(201).extract().jsonPath().getLong("serial");
    }

    static void accept(io.restassured.response.Response r) {
        action(serial(r), "accept").then().statusCode(200);
    }
}
