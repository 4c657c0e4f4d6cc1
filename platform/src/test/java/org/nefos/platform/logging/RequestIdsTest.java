package org.nefos.platform.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void requestIdsAreReusedOnlyWhenSane() {
        assertEquals("abc-123_x.y:z", RequestIds.accepted("abc-123_x.y:z"));
        assertNotEquals("a b", RequestIds.accepted("a b"));
        assertNotEquals("", RequestIds.accepted(""));
        assertEquals(36, RequestIds.accepted(null).length());
        assertEquals(36, RequestIds.accepted("x".repeat(129)).length());
        assertEquals(128, RequestIds.accepted("x".repeat(128)).length());
        Set<String> fresh = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.accepted(null);
            UUID uuid = UUID.fromString(id);
            assertEquals(4, uuid.version(), id);
            assertEquals(2, uuid.variant(), id);
            assertTrue(fresh.add(id), "unique: " + id);
        }
    }

    @Test
    void aPropagatingClientSendsTheCurrentRequestIdAndKeepsAnExplicitOne() {
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer()
                    .requestHandler(request -> request.response().endAndForget(
                            String.valueOf(request.getHeader(RequestIds.HEADER))))
                    .listen(0, "127.0.0.1").await().atMost(Duration.ofSeconds(10));
            String url = "http://127.0.0.1:" + server.actualPort() + "/";
            WebClient client = RequestIds.propagating(WebClient.create(vertx));

            MDC.remove(RequestIds.MDC_KEY);
            assertNull(RequestIds.current());
            assertEquals("null", body(client.getAbs(url).send()));

            RequestIds.enter("req-42");
            assertEquals("req-42", RequestIds.current());
            assertEquals("req-42", body(client.getAbs(url).send()));
            assertEquals("mine", body(client.getAbs(url).putHeader(RequestIds.HEADER, "mine").send()));
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            vertx.closeAndAwait();
        }
    }

    private static String body(io.smallrye.mutiny.Uni<io.vertx.mutiny.ext.web.client.HttpResponse<io.vertx.mutiny.core.buffer.Buffer>> response) {
        return response.await().atMost(Duration.ofSeconds(10)).bodyAsString();
    }
}
