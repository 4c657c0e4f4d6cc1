package org.nefos.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class GatewayRoutingTest {

    private static final String JSON_UTF8 = "application/json; charset=UTF-8";

    @ConfigProperty(name = "nefos.gateway.identity-url")
    String upstreamUrl;

    @ParameterizedTest
    @ValueSource(strings = {"identity", "account", "ui", "weblogin", "oauth2"})
    void identityPrefixesReachIdentityWithPathUntouched(String prefix) {
        given().urlEncodingEnabled(false)
                .get("/" + prefix + "/echo/deeper?x=1")
                .then().statusCode(200)
                .body("uri", equalTo("/" + prefix + "/echo/deeper?x=1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"object-store", "public"})
    void storagePrefixesReachStorageUnderItsBasePath(String prefix) {
        given().get("/" + prefix + "/echo/acct/cont/obj")
                .then().statusCode(200)
                .body("uri", equalTo("/store/" + prefix + "/echo/acct/cont/obj"));
    }

    @Test
    void imagePrefixReachesImageUnderItsBasePath() {
        given().get("/image/echo/v1.0/images")
                .then().statusCode(200)
                .body("uri", equalTo("/img/image/echo/v1.0/images"));
    }

    @Test
    void bareSegmentIsRoutedToo() {
        given().get("/identity").then().statusCode(200).body("uri", equalTo("/identity"));
        given().get("/object-store/").then().statusCode(200).body("uri", equalTo("/store/object-store/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/identityx/echo", "/computex", "/object-storage/echo", "/Identity/echo", "/nothing/here", "/"})
    void unknownPrefixAnswersItemNotFound(String path) {
        given().urlEncodingEnabled(false).get(path)
                .then().statusCode(404)
                .contentType(equalTo(JSON_UTF8))
                .header("X-Request-Id", not(emptyString()))
                .body("itemNotFound.code", equalTo(404))
                .body("itemNotFound.message", not(emptyString()))
                .body("itemNotFound.details", equalTo(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/compute/v2.0/servers", "/volume/v2.0/volumes", "/compute"})
    void unconfiguredServiceAnswersServiceUnavailable(String path) {
        given().get(path)
                .then().statusCode(503)
                .contentType(equalTo(JSON_UTF8))
                .body("serviceUnavailable.code", equalTo(503))
                .body("serviceUnavailable.message", equalTo("compute-service is not configured on this gateway"))
                .body("serviceUnavailable.details", equalTo(""));
    }

    @Test
    void refusedUpstreamAnswersBadGateway() {
        given().get("/network/v2.0/networks")
                .then().statusCode(502)
                .contentType(equalTo(JSON_UTF8))
                .body("badGateway.code", equalTo(502))
                .body("badGateway.message", equalTo("network-service is unreachable"))
                .body("badGateway.details", equalTo(""));
    }

    @Test
    void refusedUpstreamWithARequestBodyStillAnswersBadGateway() {
        given().body("{\"network\": {\"name\": \"n1\"}}").contentType("application/json")
                .post("/network/v2.0/networks")
                .then().statusCode(502)
                .body("badGateway.code", equalTo(502));
    }

    @Test
    void silentUpstreamAnswersGatewayTimeoutAndIsDropped() {
        String id = UUID.randomUUID().toString();
        long start = System.nanoTime();
        given().get("/identity/hang/" + id)
                .then().statusCode(504)
                .contentType(equalTo(JSON_UTF8))
                .body("gatewayTimeout.code", equalTo(504))
                .body("gatewayTimeout.message", equalTo("identity-service did not answer in time"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= UpstreamServer.IDLE_TIMEOUT.toMillis() - 100, "timed out after " + elapsedMs + " ms");
        UpstreamControl upstream = new UpstreamControl(upstreamUrl);
        assertTrue(upstream.seen(id));
        assertTrue(TestClient.eventually(java.time.Duration.ofSeconds(10), () -> upstream.aborted(id)),
                "the gateway must drop the upstream request it gave up on");
    }

    @Test
    void healthStaysWithQuarkus() {
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void upstreamConnectionsAreReused() {
        Set<Integer> upstreamPeerPorts = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            int port = given().get("/identity/echo/" + i).then().statusCode(200).extract().path("peerPort");
            upstreamPeerPorts.add(port);
        }
        assertTrue(upstreamPeerPorts.size() < 10,
                "ten sequential requests must not open ten upstream connections: " + upstreamPeerPorts);
    }
}
