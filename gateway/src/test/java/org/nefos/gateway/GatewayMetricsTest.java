package org.nefos.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class GatewayMetricsTest {

    @Test
    void prometheusMetricsCountProxiedRequestsPerPrefixNotPerPath() {
        String unique = UUID.randomUUID().toString();
        given().header("X-Auth-Token", "good-" + unique).get("/image/echo/v1.0/images/" + unique).then().statusCode(200);
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain"))
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/image\""))
                .body(not(containsString(unique)))
                .body(containsString("nefos_gateway_event_stream_clients"))
                .body(containsString("nefos_gateway_event_stream_events_total"))
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void healthAndReadinessAnswerForProbes() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("event-stream"));
    }

    @Test
    void runsOneEventLoopPerProcessorUnlessConfigured() {
        // the gateway's own config source (registered through the ServiceLoader) is what the app sees
        assertEquals(Runtime.getRuntime().availableProcessors(), ConfigProvider.getConfig()
                .getValue("quarkus.vertx.event-loops-pool-size", Integer.class));
    }
}
