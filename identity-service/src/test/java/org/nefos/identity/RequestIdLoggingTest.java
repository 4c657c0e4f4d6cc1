package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.nefos.testing.KafkaResource;
import org.nefos.testing.PostgresResource;

/** Request ids reach the service's logs (issue 9): the platform's filter and defaults, as every service has them. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class RequestIdLoggingTest {

    @Test
    void theCallersRequestIdIsAnsweredAndWrittenInTheAccessLine() throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger accessLog = Logger.getLogger("io.quarkus.http.access-log");
        accessLog.addHandler(capture);
        try {
            given().header("X-Request-Id", "trace-me-42").contentType("application/json").body("{")
                    .post("/identity/v2.0/tokens")
                    .then().statusCode(400).header("X-Request-Id", equalTo("trace-me-42"));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (lines.stream().noneMatch(l -> l.contains("trace-me-42") && l.contains("/identity/v2.0/tokens"))
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(10_000_000L);
            }
            // status, bytes, time taken in ms (a number, not "-"), then the request id
            assertTrue(lines.stream().anyMatch(l -> l.matches(".*/identity/v2\\.0/tokens.* 400 \\S+ [0-9]+ ms trace-me-42.*")),
                    lines.toString());
        } finally {
            accessLog.removeHandler(capture);
        }
    }

    @Test
    void aRequestWithoutASaneIdGetsAFreshOne() {
        given().header("X-Request-Id", "not sane").get("/identity/v2.0/tokens")
                .then().header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void logLinesCarryTheRequestIdFromTheMdc() {
        String format = ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class);
        assertTrue(format.contains("%X{requestId}"), format);
    }
}
