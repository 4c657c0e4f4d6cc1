package org.nefos.gateway.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;

import jakarta.inject.Inject;

import io.netty.buffer.PoolArenaMetric;
import io.netty.buffer.PooledByteBufAllocator;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.impl.VertxByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.nefos.gateway.GeneratedBytes;
import org.nefos.gateway.TestClient;
import org.nefos.gateway.UpstreamServer;

/**
 * Both connections of an exchange take their direct buffers from the gateway's own pool, whose chunks hold the
 * largest buffer an exchange needs: no read or write of a proxied body allocates outside a pool.
 */
@QuarkusTest
@WithTestResource(value = UpstreamServer.class, scope = TestResourceScope.GLOBAL)
class ProxyBuffersTest {

    private static final long BODY = 32 * GeneratedBytes.MIB;

    @Inject
    Vertx vertx;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void theSharedPoolsHaveTheGatewaysChunks() {
        assertEquals(64 * 1024, PooledByteBufAllocator.DEFAULT.metric().chunkSize(), "the pom sets maxOrder=3, as Quarkus does");
    }

    @Test
    void maxOrderIsTheSmallestWhoseChunksHoldTheSize() {
        assertEquals(0, StreamingProxy.maxOrderFor(8192, 8192));
        assertEquals(1, StreamingProxy.maxOrderFor(8193, 8192));
        assertEquals(6, StreamingProxy.maxOrderFor(512 * 1024, 8192));
        assertEquals(7, StreamingProxy.maxOrderFor(512 * 1024 + 1, 8192));
    }

    @Test
    void aChunkOfThePoolHoldsTheLargestReadAndTheLargestHeldWrite() {
        int chunk = StreamingProxy.PROXY_BUFFERS.metric().chunkSize();
        assertTrue(chunk >= ProxyExchange.READ_MAX && chunk >= ProxyExchange.HOLD_MAX + ProxyExchange.READ_MAX,
                "chunk " + chunk);
    }

    @Test
    void largeTransfersBothWaysAllocateNothingOutsideThePools() {
        // the shared pools (64 KiB chunks here as in the gateway, see the pom) also serve the test's own client and
        // upstream, which never ask them for more than 64 KiB; a held piece the gateway copied from them would be larger
        long sharedHugeBefore = sharedHuge();
        try (TestClient client = new TestClient(vertx, gateway.getHost(), gateway.getPort())) {
            TestClient.Reply upload = client.upload("/object-store/upload/" + UUID.randomUUID(), BODY, false, null);
            assertEquals(200, upload.status());
            assertEquals(GeneratedBytes.sha256(BODY), upload.body().toJsonObject().getString("sha256"));
            TestClient.Download download = client.download("/object-store/download/" + BODY, null);
            assertEquals(200, download.status());
            assertEquals(BODY, download.bytes());
            assertEquals(GeneratedBytes.sha256(BODY), download.sha256());
        }
        assertTrue(StreamingProxy.PROXY_BUFFERS.metric().usedDirectMemory() > 0, "the exchanges used the gateway's pool");
        assertEquals(0, huge(StreamingProxy.PROXY_BUFFERS),
                "buffers larger than a chunk are allocated (and zeroed) outside the pool, one per read or write");
        assertEquals(sharedHugeBefore, sharedHuge(), "the gateway copied held pieces into buffers outside the shared pools");
    }

    private static long sharedHuge() {
        return huge(PooledByteBufAllocator.DEFAULT) + huge((PooledByteBufAllocator) VertxByteBufAllocator.POOLED_ALLOCATOR);
    }

    private static long huge(PooledByteBufAllocator pool) {
        return pool.metric().directArenas().stream().mapToLong(PoolArenaMetric::numHugeAllocations).sum();
    }
}
