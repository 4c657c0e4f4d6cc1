package org.nefos.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nefos.gateway.edge.AccessLog;

/** Edge concerns with the default settings: token check on, 1 MiB JSON body limit, access log. */
@QuarkusTest
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class GatewayEdgeTest {

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = "nefos.gateway.identity-url")
    String upstreamUrl;

    TestClient client;
    UpstreamControl upstream;

    @BeforeEach
    void open() {
        client = new TestClient(vertx, gateway.getHost(), gateway.getPort());
        upstream = new UpstreamControl(upstreamUrl);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void validTokenIsVerifiedOnceThenCachedAndReachesTheService() {
        String token = "good-" + id();
        for (int i = 0; i < 3; i++) {
            given().header("X-Auth-Token", token).get("/image/echo/v1.0/images")
                    .then().statusCode(200).body("uri", equalTo("/img/image/echo/v1.0/images"));
        }
        assertEquals(1, upstream.verifications(token), "the edge cache answers repeated checks");
        Echo echo = Echo.of(given().header("X-Auth-Token", token).get("/image/echo/x").asString());
        assertEquals(token, echo.header("X-Auth-Token"), "the service still gets the token to check");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/image/hang/", "/object-store/hang/", "/volume/hang/", "/account/v1.0/quotas/hang/"})
    void unknownTokenAnswers401WithoutReachingTheService(String prefix) {
        String id = id();
        String token = "expired-" + id;
        int expected = prefix.startsWith("/volume") ? 503 : 401; // compute is not configured in these tests
        var response = given().header("X-Auth-Token", token).get(prefix + id).then().statusCode(expected);
        if (expected == 401) {
            response.body("unauthorized.code", equalTo(401))
                    .body("unauthorized.message", not(emptyString()))
                    .header("X-Request-Id", not(emptyString()));
            assertEquals(1, upstream.verifications(token));
        }
        assertFalse(upstream.seen(id), "the service must not see a request with a refused token");
    }

    @Test
    void tokenInTheQueryIsCheckedToo() {
        String id = id();
        given().urlEncodingEnabled(false).get("/image/hang/" + id + "?X-Auth-Token=nope-" + id)
                .then().statusCode(401).body("unauthorized.code", equalTo(401));
        assertFalse(upstream.seen(id));
    }

    @Test
    void refusedTokenWithABodyIsAnsweredAndTheConnectionClosed() {
        String id = id();
        TestClient.Reply reply = client.send(HttpMethod.POST, "/image/hang/" + id,
                Map.of("X-Auth-Token", "bad-" + id, "Content-Type", "application/json"), "{\"image\":{}}");
        assertEquals(401, reply.status());
        assertEquals("close", reply.header("Connection"));
        assertTrue(reply.body().toString().contains("\"unauthorized\""), reply.body().toString());
        assertFalse(upstream.seen(id));
    }

    @Test
    void identityAnsweringAnErrorIsServiceUnavailable() {
        String id = id();
        given().header("X-Auth-Token", "down-" + id).get("/image/hang/" + id)
                .then().statusCode(503).body("serviceUnavailable.code", equalTo(503));
        assertFalse(upstream.seen(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/identity/echo/v2.0/tokens", "/account/v1.0/resources", "/account/v1.0/service/component",
            "/public/echo/abc", "/ui/echo", "/weblogin/echo"})
    void prefixesTheGatewayCannotJudgePassWithAnyToken(String path) {
        String token = "bad-" + id();
        given().header("X-Auth-Token", token).get(path).then().statusCode(200);
        assertEquals(0, upstream.verifications(token), "no edge check for " + path);
    }

    @Test
    void requestsWithoutATokenAreLeftToTheService() {
        given().get("/image/echo/v1.0/images").then().statusCode(200).body("uri", equalTo("/img/image/echo/v1.0/images"));
        given().get("/object-store/echo/acct/public-container/obj").then().statusCode(200);
    }

    @Test
    void jsonBodyOverTheLimitByContentLengthIs413() {
        String id = id();
        TestClient.Reply reply = client.upload("/image/upload/" + id, 2 * GeneratedBytes.MIB, false, null);
        assertEquals(413, reply.status());
        assertTrue(reply.body().toString().contains("\"requestEntityTooLarge\""), reply.body().toString());
        assertEquals(0, upstream.progress(id), "nothing of the body reaches the service");
    }

    @Test
    void chunkedJsonBodyOverTheLimitIsAbortedWhileStreaming() {
        String id = id();
        TestClient.Reply reply = client.upload("/image/upload/" + id, 3 * GeneratedBytes.MIB, true, null);
        assertEquals(413, reply.status());
        assertTrue(reply.body().toString().contains("\"requestEntityTooLarge\""), reply.body().toString());
        assertTrue(upstream.progress(id) <= GeneratedBytes.MIB, "at most the limit was forwarded: " + upstream.progress(id));
    }

    @Test
    void jsonBodyWithinTheLimitAndLargeObjectBodiesPass() {
        String small = id();
        TestClient.Reply reply = client.upload("/image/upload/" + small, GeneratedBytes.MIB, true, null);
        assertEquals(200, reply.status());
        assertEquals(GeneratedBytes.MIB, reply.body().toJsonObject().getLong("bytes"));
        String large = id();
        reply = client.upload("/object-store/upload/" + large, 4 * GeneratedBytes.MIB, false, null);
        assertEquals(200, reply.status());
        assertEquals(4 * GeneratedBytes.MIB, reply.body().toJsonObject().getLong("bytes"));
    }

    @Test
    void accessLogHasOneLinePerRequestWithoutTokensOrPaths() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(AccessLog.CATEGORY);
        logger.addHandler(capture);
        try {
            String rid = "access-" + id();
            String secret = "secretlink" + id().replace("-", "");
            given().urlEncodingEnabled(false).header("X-Request-Id", rid)
                    .get("/public/echo/" + secret + "?X-Auth-Token=tok" + secret)
                    .then().statusCode(200);
            assertTrue(TestClient.eventually(Duration.ofSeconds(10),
                    () -> lines.stream().anyMatch(l -> l.contains("rid=" + rid))), "no access line: " + lines);
            List<String> mine = lines.stream().filter(l -> l.contains("rid=" + rid)).toList();
            assertEquals(1, mine.size(), mine.toString());
            String line = mine.get(0);
            assertTrue(line.startsWith("GET /public/... 200 "), line);
            assertTrue(line.matches(".* \\d+B \\d+ms rid=.*"), line);
            assertFalse(line.contains(secret), line);

            // the other front ends and unknown paths get their line from the same edge filter
            String occi = "access-occi-" + id();
            given().header("X-Request-Id", occi).get("/occi/compute/").then().statusCode(401)
                    .header("X-Request-Id", occi);
            String unknown = "access-unknown-" + id();
            given().header("X-Request-Id", unknown).get("/nowhere/" + secret).then().statusCode(404);
            assertTrue(TestClient.eventually(Duration.ofSeconds(10),
                    () -> lines.stream().anyMatch(l -> l.contains("rid=" + unknown))), "no access line: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /occi/... 401 ") && l.endsWith("rid=" + occi)),
                    lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("GET /?/... 404 ") && l.endsWith("rid=" + unknown)),
                    lines.toString());
            assertFalse(lines.stream().anyMatch(l -> l.contains(secret)), lines.toString());
        } finally {
            logger.removeHandler(capture);
        }
    }
}
