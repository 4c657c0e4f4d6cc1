package org.nefos.image.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpServer;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nefos.image.config.ImageConfig;
import org.nefos.image.domain.ObjectPath;
import org.nefos.platform.logging.RequestIds;

/** The streaming upload to storage-service carries the request id like every other inter-service call. */
class StorageClientRequestIdTest {

    private Vertx vertx;
    private HttpServer storage;
    private final CompletableFuture<String> seenId = new CompletableFuture<>();
    private final CompletableFuture<String> seenBody = new CompletableFuture<>();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        storage = vertx.createHttpServer().requestHandler(request -> {
            seenId.complete(String.valueOf(request.getHeader(RequestIds.HEADER)));
            request.body().subscribe().with(body -> {
                seenBody.complete(body.toString());
                request.response().setStatusCode(201).endAndForget();
            });
        }).listen(0, "127.0.0.1").await().atMost(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        MDC.remove(RequestIds.MDC_KEY);
        vertx.closeAndAwait();
    }

    @Test
    void theUploadCarriesTheCurrentRequestId() throws Exception {
        StorageClient client = new StorageClient();
        client.vertx = vertx;
        client.config = config("http://127.0.0.1:" + storage.actualPort());
        client.init();

        RequestIds.enter("upload-7");
        client.putObject("token", new ObjectPath("user-1", "images", "disk.img"), new OneBuffer("image bytes"), 11,
                "application/octet-stream").await().atMost(Duration.ofSeconds(10));

        assertEquals("upload-7", seenId.get());
        assertEquals("image bytes", seenBody.get());
    }

    private static ImageConfig config(String storageUrl) {
        return (ImageConfig) Proxy.newProxyInstance(ImageConfig.class.getClassLoader(), new Class<?>[] {ImageConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "storageUrl" -> storageUrl;
                    case "storageTimeout" -> Duration.ofSeconds(10);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A body of one buffer, emitted when the consumer asks for it. */
    private static final class OneBuffer implements ReadStream<Buffer> {
        private Buffer data;
        private Handler<Buffer> handler;
        private Handler<Void> endHandler;

        OneBuffer(String text) {
            data = Buffer.buffer(text);
        }

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            this.handler = handler;
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            return fetch(Long.MAX_VALUE);
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            if (data != null && handler != null) {
                Buffer next = data;
                data = null;
                handler.handle(next);
            }
            if (data == null && endHandler != null) {
                Handler<Void> end = endHandler;
                endHandler = null;
                end.handle(null);
            }
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            this.endHandler = endHandler;
            return this;
        }
    }
}
