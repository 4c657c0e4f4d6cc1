package org.nefos.gateway.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class ProxyHeadersTest {

    @Test
    void connectionListedHeadersAreHopByHopToo() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "keep-alive, X-Secret")
                .add("Connection", " X-Other ,");
        assertTrue(ProxyHeaders.hopByHop(headers).containsAll(List.of("x-secret", "x-other", "keep-alive", "te", "upgrade")));
        assertFalse(ProxyHeaders.hopByHop(headers).contains(""));
    }

    @Test
    void hopByHopNamesMatchWhateverTheirCase() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap()
                .add("KEEP-ALIVE", "timeout=5")
                .add("Transfer-encoding", "chunked")
                .add("connection", "x-secret")
                .add("X-SECRET", "hidden")
                .add("x-REQUEST-id", "upstream-rid")
                .add("ETag", "abc");
        MultiMap response = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.downstreamResponse(upstream, response, "rid");
        assertEquals(List.of("ETag", "X-Request-Id"), List.copyOf(response.names()).stream().sorted().toList());
        assertEquals("rid", response.get("X-Request-Id"));
        assertTrue(ProxyHeaders.hopByHop(MultiMap.caseInsensitiveMultiMap()).contains("Upgrade"));
    }

    @Test
    void upstreamRequestKeepsEndToEndHeadersAndAppendsForwardedFor() {
        MultiMap client = MultiMap.caseInsensitiveMultiMap()
                .add("Host", "cloud.example:8443")
                .add("Transfer-Encoding", "chunked")
                .add("X-Forwarded-For", "198.51.100.1")
                .add("X-Forwarded-For", "198.51.100.2, 198.51.100.3")
                .add("Accept", "application/json")
                .add("Accept", "text/plain")
                .add("Content-Length", "7");
        MultiMap out = ProxyHeaders.upstreamRequest(client, "192.0.2.9", "https", "cloud.example:8443", "rid");
        assertEquals(List.of(), out.getAll("Host"));
        assertEquals(List.of(), out.getAll("Transfer-Encoding"));
        assertEquals(List.of("198.51.100.1, 198.51.100.2, 198.51.100.3, 192.0.2.9"), out.getAll("X-Forwarded-For"));
        assertEquals("https", out.get("X-Forwarded-Proto"));
        assertEquals("cloud.example:8443", out.get("X-Forwarded-Host"));
        assertEquals(List.of("application/json", "text/plain"), out.getAll("Accept"));
        assertEquals("7", out.get("Content-Length"));
        assertEquals("rid", out.get("X-Request-Id"));
    }

    @Test
    void downstreamResponseDropsHopByHopAndUsesTheGatewaysRequestId() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap()
                .add("Connection", "X-Hop")
                .add("X-Hop", "1")
                .add("Keep-Alive", "timeout=5")
                .add("Transfer-Encoding", "chunked")
                .add("X-Request-Id", "theirs")
                .add("Content-Length", "3")
                .add("X-Object-Meta-A", "1")
                .add("X-Object-Meta-A", "2");
        MultiMap response = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.downstreamResponse(upstream, response, "ours");
        assertEquals(List.of("ours"), response.getAll("X-Request-Id"));
        assertEquals("3", response.get("Content-Length"));
        assertEquals(List.of("1", "2"), response.getAll("X-Object-Meta-A"));
        for (String hop : List.of("Connection", "X-Hop", "Keep-Alive", "Transfer-Encoding")) {
            assertFalse(response.contains(hop), hop);
        }
    }
}
