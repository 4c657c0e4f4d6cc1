package org.nefos.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(EdgeProfile.class)
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class GatewayRateLimitCorsTest {

    @ConfigProperty(name = "nefos.gateway.identity-url")
    String upstreamUrl;

    private static String token() {
        return "good-" + UUID.randomUUID();
    }

    @Test
    void tokenOverItsBurstGets429WithRetryAfterOthersDoNot() {
        String token = token();
        for (int i = 0; i < EdgeProfile.BURST; i++) {
            given().header("X-Auth-Token", token).get("/image/echo/v1.0/images").then().statusCode(200);
        }
        Response refused = given().header("X-Auth-Token", token).get("/image/echo/v1.0/images");
        refused.then().statusCode(429)
                .body("overLimit.code", equalTo(429))
                .body("overLimit.message", containsString("Rate limit"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 10, "Retry-After " + retryAfter);
        given().header("X-Auth-Token", token()).get("/image/echo/v1.0/images").then().statusCode(200);
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredByTheGateway() {
        String id = UUID.randomUUID().toString();
        given().header("Origin", EdgeProfile.ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "X-Auth-Token, Content-Type, X-Object-Meta-Color, Range, X-Evil")
                .options("/object-store/hang/" + id)
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", EdgeProfile.ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("PUT"))
                .header("Access-Control-Allow-Methods", containsString("COPY"))
                .header("Access-Control-Allow-Headers", equalTo("X-Auth-Token, Content-Type, X-Object-Meta-Color, Range"))
                .header("Access-Control-Max-Age", "600")
                .header("Vary", containsString("Origin"));
        assertFalse(new UpstreamControl(upstreamUrl).seen(id), "a preflight never reaches the service");
    }

    @Test
    void responsesToAnAllowedOriginExposePithosHeaders() {
        given().header("Origin", "https://other.example").header("X-Auth-Token", token())
                .get("/object-store/status/200")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://other.example")
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
                .header("Access-Control-Expose-Headers", not(containsString("Set-Cookie")));
    }

    @Test
    void otherOriginsGetNoCorsHeadersAndTheirPreflightGoesToTheService() {
        given().header("Origin", "https://evil.example").header("X-Auth-Token", token())
                .get("/object-store/status/200")
                .then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "PUT")
                .header("X-Auth-Token", token())
                .options("/object-store/echo/x")
                .then().statusCode(200).body("method", equalTo("OPTIONS"))
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void occiGetsTheSameCorsAndRateLimitAsTheRestApi() {
        given().header("Origin", EdgeProfile.ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "X-Auth-Token, Content-Type")
                .options("/occi/compute/")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", EdgeProfile.ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"));
        String token = token();
        for (int i = 0; i < EdgeProfile.BURST; i++) {
            // the OCCI root lists the collections without calling a service
            given().header("Origin", EdgeProfile.ORIGIN).header("X-Auth-Token", token).accept("text/uri-list")
                    .get("/occi/")
                    .then().statusCode(200)
                    .header("Access-Control-Allow-Origin", EdgeProfile.ORIGIN)
                    .header("X-Request-Id", not(nullValue()))
                    .body(containsString("/occi/compute/"));
        }
        Response refused = given().header("X-Auth-Token", token).get("/occi/");
        refused.then().statusCode(429).body("overLimit.code", equalTo(429));
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1, refused.header("Retry-After"));
    }
}
