package org.nefos.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import java.util.Map;

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

@QuarkusTest
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class GatewayHeadersTest {

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL gateway;

    @ConfigProperty(name = "nefos.gateway.identity-url")
    String upstreamUrl;

    TestClient client;

    @BeforeEach
    void open() {
        client = new TestClient(vertx, gateway.getHost(), gateway.getPort());
    }

    @AfterEach
    void close() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 400, 404, 409, 413, 500, 503})
    void statusReasonBodyAndMultiValuedHeadersPassThrough(int status) {
        TestClient.Reply reply = client.get("/identity/status/" + status);
        assertEquals(status, reply.status());
        assertEquals("Nefos Custom Reason", reply.reason());
        assertEquals(List.of("one", "two"), reply.headers().getAll("X-Multi"));
        assertEquals(List.of("a=1; Path=/", "b=2; Path=/"), reply.headers().getAll("Set-Cookie"));
        assertEquals("\"v1\"", reply.header("ETag"));
        assertEquals("status body", reply.body().toString());
    }

    @Test
    void hopByHopResponseHeadersAreStripped() {
        TestClient.Reply reply = client.get("/identity/status/200");
        assertEquals(200, reply.status());
        assertNull(reply.header("X-Upstream-Hop"), "a header named in Connection is hop-by-hop");
        assertNull(reply.header("Keep-Alive"));
        assertNull(reply.header("Proxy-Authenticate"));
        assertNull(reply.header("Upgrade"));
        String connection = reply.header("Connection");
        assertTrue(connection == null || !connection.contains("X-Upstream-Hop"), "Connection: " + connection);
        assertNotEquals("upstream-chose-this", reply.header("X-Request-Id"), "the gateway's request id wins");
    }

    @Test
    void rawQueryAndEncodedPathArePreservedExactly() {
        String uri = "/identity/echo/a%2Fb/%7Euser/%E2%82%AC;v=1/sp%20ace?q=%20a+b&empty=&dup=1&dup=2&enc=%2F%3F%26&utf=%CE%B1";
        TestClient.Reply reply = client.get(uri);
        assertEquals(200, reply.status());
        assertEquals(uri, Echo.of(reply.body()).uri());
    }

    @Test
    void longObjectNamesPassThrough() {
        String name = "%CE%B1".repeat(500) + "/" + "x".repeat(2000);
        String uri = "/object-store/echo/account/container/" + name + "?format=json";
        TestClient.Reply reply = client.get(uri);
        assertEquals(200, reply.status());
        assertEquals("/store" + uri, Echo.of(reply.body()).uri());
    }

    @Test
    void methodAndSmallBodyArriveUnchanged() {
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE,
                HttpMethod.OPTIONS, HttpMethod.valueOf("COPY"))) {
            TestClient.Reply reply = client.send(method, "/object-store/echo/a/c/o", Map.of(), "twelve bytes");
            Echo echo = Echo.of(reply.body());
            assertEquals(method.name(), echo.json().getString("method"));
            assertEquals(12, echo.json().getInteger("bodyBytes"));
            assertEquals("12", echo.header("Content-Length"));
        }
    }

    @Test
    void hopByHopRequestHeadersAreStrippedAndForwardedHeadersAdded() {
        String response = RawHttp.exchange(gateway.getPort(),
                "GET /identity/echo/raw HTTP/1.1",
                "Host: client.example:1234",
                "Connection: close, X-Client-Hop",
                "X-Client-Hop: secret",
                "Keep-Alive: timeout=5",
                "Proxy-Authorization: Basic c2VjcmV0",
                "Proxy-Connection: keep-alive",
                "TE: trailers",
                "Upgrade: example/1",
                "Trailer: X-Checksum",
                "X-Forwarded-For: 203.0.113.7",
                "X-Forwarded-Proto: https",
                "X-Forwarded-Host: spoofed.example",
                "X-Multi: a",
                "X-Multi: b",
                "X-Auth-Token: passes-through");
        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        Echo echo = Echo.of(RawHttp.body(response));
        for (String hop : List.of("Connection", "X-Client-Hop", "Keep-Alive", "Proxy-Authorization",
                "Proxy-Connection", "TE", "Upgrade", "Trailer", "Transfer-Encoding")) {
            assertEquals(List.of(), echo.headers(hop), hop + " must not reach the upstream");
        }
        assertEquals(upstreamUrl.substring("http://".length()), echo.header("Host"));
        assertEquals(List.of("203.0.113.7, 127.0.0.1"), echo.headers("X-Forwarded-For"));
        assertEquals(List.of("http"), echo.headers("X-Forwarded-Proto"));
        assertEquals(List.of("client.example:1234"), echo.headers("X-Forwarded-Host"));
        assertEquals(List.of("a", "b"), echo.headers("X-Multi"));
        assertEquals("passes-through", echo.header("X-Auth-Token"));
        assertEquals(1, echo.headers("X-Request-Id").size());
    }

    @Test
    void saneIncomingRequestIdIsReusedAndEchoed() {
        TestClient.Reply reply = client.send(HttpMethod.GET, "/identity/echo", Map.of("X-Request-Id", "req-42.abc"), null);
        assertEquals("req-42.abc", Echo.of(reply.body()).header("X-Request-Id"));
        assertEquals("req-42.abc", reply.header("X-Request-Id"));
    }

    @Test
    void missingOrInsaneRequestIdIsReplacedByAFreshOne() {
        TestClient.Reply first = client.get("/identity/echo");
        TestClient.Reply second = client.send(HttpMethod.GET, "/identity/echo",
                Map.of("X-Request-Id", "has spaces and <angle> brackets"), null);
        TestClient.Reply third = client.send(HttpMethod.GET, "/identity/echo", Map.of("X-Request-Id", "x".repeat(300)),
                null);
        for (TestClient.Reply reply : List.of(first, second, third)) {
            String id = reply.header("X-Request-Id");
            assertNotNull(id);
            assertTrue(id.matches("[0-9a-f-]{36}"), id);
            assertEquals(id, Echo.of(reply.body()).header("X-Request-Id"), "upstream and client see the same id");
        }
        assertNotEquals(first.header("X-Request-Id"), second.header("X-Request-Id"));
    }

    @Test
    void faultsCarryTheRequestId() {
        TestClient.Reply reply = client.send(HttpMethod.GET, "/nowhere", Map.of("X-Request-Id", "fault-7"), null);
        assertEquals(404, reply.status());
        assertEquals("fault-7", reply.header("X-Request-Id"));
    }

    @Test
    void headPassesThroughWithItsContentLengthAndNoBody() {
        TestClient.Reply reply = client.send(HttpMethod.HEAD, "/identity/status/200", Map.of(), null);
        assertEquals(200, reply.status());
        assertEquals("11", reply.header("Content-Length"));
        assertEquals(List.of("one", "two"), reply.headers().getAll("X-Multi"));
        assertEquals(0, reply.body().length());
        // the connection is still usable after a bodiless response with a Content-Length
        assertEquals("status body", client.get("/identity/status/200").body().toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {204, 304})
    void bodilessStatusesPassThroughWithoutBody(int status) {
        TestClient.Reply reply = client.get("/identity/status/" + status);
        assertEquals(status, reply.status());
        assertEquals("\"v1\"", reply.header("ETag"));
        assertNull(reply.header("Transfer-Encoding"));
        assertEquals(0, reply.body().length());
        assertEquals("status body", client.get("/identity/status/200").body().toString());
    }
}
