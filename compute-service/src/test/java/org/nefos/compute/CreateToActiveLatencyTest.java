package org.nefos.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nefos.compute.ComputeTestSupport.post;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * How long a server takes from its 202 to ACTIVE with a zero-delay simulated backend and the outbox relay at
 * its default 0.1 s: the pipeline's own cost (two outbox hops, two Kafka hops, the transition). Reports the
 * median and max in the log; asserts only that every server arrives.
 */
@QuarkusTest
@TestProfile(CreateToActiveLatencyTest.ZeroDelayBackend.class)
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class CreateToActiveLatencyTest {

    private static final Logger LOG = Logger.getLogger(CreateToActiveLatencyTest.class);
    private static final int SERVERS = 20;
    private static final Duration POLL = Duration.ofMillis(5);

    /** The backend does its work at once; the relay polls at its production default. */
    public static class ZeroDelayBackend implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("nefos.compute.backend.build-duration", "0s",
                    "nefos.compute.backend.boot-duration", "0s",
                    "nefos.compute.backend.shutdown-duration", "0s",
                    "nefos.outbox.poll-interval", "0.1s");
        }
    }

    @Test
    void createToActiveWithAZeroDelayBackend() {
        TestUser user = ComputeTestSupport.newUser();
        // warm-up: connections, Kafka metadata, JIT
        ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        List<Long> observed = new ArrayList<>();
        List<Long> recorded = new ArrayList<>();
        for (int i = 0; i < SERVERS; i++) {
            JsonPath created = post(user, "/compute/v2.0/servers",
                    ComputeTestSupport.serverBody("snf-test-" + UUID.randomUUID(), 1, Map.of())).then().statusCode(202)
                    .extract().jsonPath();
            long accepted = System.nanoTime();
            long id = created.getLong("server.id");
            JsonPath active = ComputeTestSupport.await(() -> {
                LockSupport.parkNanos(POLL.toNanos());
                return ComputeTestSupport.server(user, id);
            }, s -> "ACTIVE".equals(s.getString("server.status")), "server " + id + " ACTIVE");
            observed.add((System.nanoTime() - accepted) / 1_000_000);
            recorded.add(Duration.between(OffsetDateTime.parse(active.getString("server.created")),
                    OffsetDateTime.parse(active.getString("server.updated"))).toMillis());
            deleteAndAwait(user, id);
        }
        assertEquals(SERVERS, observed.size());
        LOG.infof("create -> ACTIVE, zero-delay backend, relay 0.1 s, %d servers: client-observed (202 to ACTIVE seen,"
                + " 5 ms polls) median %d ms, max %d ms; server-side (created to ACTIVE updated) median %d ms,"
                + " max %d ms; samples %s", SERVERS, median(observed), Collections.max(observed), median(recorded),
                Collections.max(recorded), observed);
    }

    /** Deletes the server so the user's quota does not run out over the loop. */
    private static void deleteAndAwait(TestUser user, long id) {
        ComputeTestSupport.as(user).delete("/compute/v2.0/servers/" + id).then().statusCode(204);
        ComputeTestSupport.awaitStatus(user, id, "DELETED");
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
