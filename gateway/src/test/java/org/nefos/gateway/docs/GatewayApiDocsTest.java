package org.nefos.gateway.docs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.nefos.gateway.UpstreamServer;

@QuarkusTest
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class GatewayApiDocsTest {

    @Test
    void servesTheOpenApiDocumentAsYamlAndJson() {
        given().get("/openapi").then().statusCode(200).contentType(startsWith("application/yaml"))
                .body(startsWith("openapi: 3.0"));
        given().get("/openapi.yaml").then().statusCode(200).body(containsString("/compute/v2.0/servers:"));
        given().get("/openapi.json").then().statusCode(200).contentType(startsWith("application/json"))
                .body("openapi", equalTo("3.0.3"))
                .body("paths.'/events/v1/stream'.get.tags[0]", equalTo("events"));
    }

    @Test
    void servesADocumentationPageThatNeedsNoOutsideResource() {
        given().get("/api-docs").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("fetch(\"openapi.json\")"))
                .body(not(containsString("https://")))
                .body(not(containsString("http://")));
    }

    @Test
    void otherMethodsAreRefusedWithAFault() {
        given().post("/openapi").then().statusCode(405).header("Allow", containsString("GET"))
                .body("notAllowed.code", equalTo(405));
    }
}
