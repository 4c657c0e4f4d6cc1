package org.nefos.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What Kubernetes probes and Prometheus scrape: every service and the gateway, from their jars. */
@ExtendWith(SystemStackExtension.class)
class ProbesAndMetricsIT {

    private final SystemStack stack;

    ProbesAndMetricsIT(SystemStack stack) {
        this.stack = stack;
    }

    private List<String> urls() {
        List<String> urls = new ArrayList<>();
        SystemStack.SERVICES.forEach(s -> urls.add(stack.serviceUrl(s)));
        urls.add(stack.gatewayUrl());
        return urls;
    }

    @Test
    void everyServiceAndTheGatewayAnswerHealthProbes() {
        for (String url : urls()) {
            for (String probe : List.of("/q/health/live", "/q/health/ready", "/q/health/started")) {
                given().baseUri(url).get(probe).then().statusCode(200).body("status", equalTo("UP"));
            }
        }
    }

    @Test
    void everyServiceAndTheGatewayServePrometheusMetrics() {
        for (String url : urls()) {
            // one request of our own, so the request timer exists whichever tests ran before this one
            given().baseUri(url).get("/compute/v2.0/no-such-path").then().statusCode(org.hamcrest.Matchers.not(500));
            given().baseUri(url).accept("text/plain").get("/q/metrics").then().statusCode(200)
                    .contentType(containsString("text/plain"))
                    .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                    .body(containsString("http_server_requests_seconds"));
        }
    }

    @Test
    void objectNamesNeverBecomeMetricLabels() {
        String container = "metrics-" + UUID.randomUUID();
        String object = "secret-name-" + UUID.randomUUID();
        String base = "/object-store/v1/" + SystemStack.DEMO_UUID + "/" + container;
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken).put(base).then().statusCode(201);
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken).contentType(ContentType.TEXT)
                .body("x").put(base + "/" + object).then().statusCode(201);
        for (String url : List.of(stack.gatewayUrl(), stack.serviceUrl("storage-service"))) {
            given().baseUri(url).accept("text/plain").get("/q/metrics").then().statusCode(200)
                    .body(containsString("uri=\"/object-store\""))
                    .body(not(containsString(object)))
                    .body(not(containsString(container)));
        }
    }

    /** image-service is scraped like the others; its requests are tagged by route template, not by image id. */
    @Test
    void imageIdsNeverBecomeMetricLabels() {
        String id = stack.publicImageId();
        given().baseUri(stack.gatewayUrl()).header("X-Auth-Token", stack.demoToken).head("/image/v1.0/images/" + id)
                .then().statusCode(200);
        given().baseUri(stack.serviceUrl("image-service")).accept("text/plain").get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("/images/"))
                .body(not(containsString(id)));
    }
}
