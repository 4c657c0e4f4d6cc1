package org.nefos.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.awaitStatus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * The id of the request that created a server follows the build through Kafka: the events compute's own
 * consumers write while they handle the build's reports (job progress, completion) carry it too.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class RequestIdThroughEventsTest {

    @Inject
    Pool pool;

    @Test
    void theBuildsEventsCarryTheCreatingRequestsId() {
        TestUser user = ComputeTestSupport.newUser();
        String requestId = "build-" + UUID.randomUUID();
        long id = as(user).header("X-Request-Id", requestId).contentType(ContentType.JSON)
                .body(ComputeTestSupport.serverBody("traced-" + UUID.randomUUID(), 1, Map.of()))
                .post("/compute/v2.0/servers").then().statusCode(202).extract().jsonPath().getLong("server.id");
        awaitStatus(user, id, "ACTIVE");

        Map<String, String> requestIdByType = new LinkedHashMap<>();
        for (Row row : pool.preparedQuery("""
                SELECT type, request_id FROM outbox_event
                WHERE message_key = $1 AND type LIKE 'org.nefos.compute.server.%' ORDER BY position""")
                .execute(Tuple.of(Long.toString(id))).await().indefinitely()) {
            requestIdByType.put(row.getString("type"), String.valueOf(row.getString("request_id")));
        }
        // written while serving the request, then by the consumer of the backend's job reports
        assertTrue(requestIdByType.containsKey("org.nefos.compute.server.create.started.v1"), requestIdByType.toString());
        assertTrue(requestIdByType.containsKey("org.nefos.compute.server.job.completed.v1"), requestIdByType.toString());
        requestIdByType.forEach((type, seen) -> assertEquals(requestId, seen, type));
    }
}
