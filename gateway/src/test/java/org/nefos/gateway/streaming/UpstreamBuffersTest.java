package org.nefos.gateway.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;

import jakarta.inject.Inject;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocatorMetric;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.nefos.gateway.GeneratedBytes;
import org.nefos.gateway.TestClient;
import org.nefos.gateway.UpstreamServer;

/**
 * Upstream connections read (and copy request pieces) into their own pool, whose chunks hold the largest buffer
 * either needs: no read or write allocates outside the pool.
 */
@QuarkusTest
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class UpstreamBuffersTest {

    private static final long BODY = 32 * GeneratedBytes.MIB;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void maxOrderIsTheSmallestWhoseChunksHoldTheSize() {
        assertEquals(0, StreamingProxy.maxOrderFor(8192, 8192));
        assertEquals(1, StreamingProxy.maxOrderFor(8193, 8192));
        assertEquals(6, StreamingProxy.maxOrderFor(512 * 1024, 8192));
        assertEquals(7, StreamingProxy.maxOrderFor(512 * 1024 + 1, 8192));
    }

    @Test
    void aChunkOfThePoolHoldsTheLargestReadAndTheLargestHeldWrite() {
        assertTrue(StreamingProxy.UPSTREAM_BUFFERS.metric().chunkSize() >= ProxyExchange.READ_MAX
                        && StreamingProxy.UPSTREAM_BUFFERS.metric().chunkSize() >= ProxyExchange.HOLD_MAX + ProxyExchange.CHUNK,
                "chunk " + StreamingProxy.UPSTREAM_BUFFERS.metric().chunkSize());
    }

    @Test
    void largeTransfersUseThePoolWithoutAllocationsOutsideIt() {
        try (TestClient client = new TestClient(vertx, gateway.getHost(), gateway.getPort())) {
            TestClient.Reply upload = client.upload("/object-store/upload/" + UUID.randomUUID(), BODY, false, null);
            assertEquals(200, upload.status());
            assertEquals(GeneratedBytes.sha256(BODY), upload.body().toJsonObject().getString("sha256"));
            TestClient.Download download = client.download("/object-store/download/" + BODY, null);
            assertEquals(200, download.status());
            assertEquals(BODY, download.bytes());
            assertEquals(GeneratedBytes.sha256(BODY), download.sha256());
        }
        PooledByteBufAllocatorMetric pool = StreamingProxy.UPSTREAM_BUFFERS.metric();
        assertTrue(pool.usedDirectMemory() > 0, "the upstream connection read into this pool");
        long huge = pool.directArenas().stream().mapToLong(PoolArenaMetric::numHugeAllocations).sum();
        assertEquals(0, huge, "buffers larger than a chunk are allocated (and zeroed) outside the pool, one per read or write");
    }
}
