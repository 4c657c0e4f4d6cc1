package org.nefos.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class CorsTest {

    @Test
    void noOriginsMeansOff() {
        Cors cors = new Cors(List.of(), Duration.ofHours(1));
        assertFalse(cors.enabled());
        assertFalse(cors.allows("https://ui.example"));
    }

    @Test
    void originsMatchExactlyIgnoringCase() {
        Cors cors = new Cors(List.of(" https://UI.example "), Duration.ofHours(1));
        assertTrue(cors.allows("https://ui.example"));
        assertFalse(cors.allows("https://ui.example.evil"));
        assertFalse(cors.allows(null));
    }

    @Test
    void wildcardAnswersStarWithoutVary() {
        Cors cors = new Cors(List.of("*"), Duration.ofSeconds(30));
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        cors.preflight("https://any.example", null, out);
        assertEquals("*", out.get("Access-Control-Allow-Origin"));
        assertNull(out.get("Vary"));
        assertEquals("30", out.get("Access-Control-Max-Age"));
        assertEquals("X-Auth-Token, Content-Type, Range", out.get("Access-Control-Allow-Headers"));
    }

    @Test
    void responseReplacesUpstreamCorsAndExposesPithosHeaders() {
        Cors cors = new Cors(List.of("https://ui.example"), Duration.ofHours(1));
        MultiMap out = MultiMap.caseInsensitiveMultiMap()
                .add("Access-Control-Allow-Origin", "https://upstream.example")
                .add("ETag", "\"x\"").add("X-Object-Meta-Color", "blue").add("Content-Range", "bytes 0-1/2")
                .add("Set-Cookie", "a=1").add("X-Container-Object-Count", "3");
        cors.response("https://ui.example", out);
        assertEquals(List.of("https://ui.example"), out.getAll("Access-Control-Allow-Origin"));
        String exposed = out.get("Access-Control-Expose-Headers");
        for (String h : List.of("ETag", "X-Object-Meta-Color", "Content-Range", "X-Container-Object-Count")) {
            assertTrue(exposed.contains(h), exposed);
        }
        assertFalse(exposed.contains("Set-Cookie"), exposed);
    }

    @Test
    void requestHeadersAllowedByNameOrPithosPrefix() {
        assertTrue(Cors.headerAllowed("x-object-meta-anything"));
        assertTrue(Cors.headerAllowed("X-Auth-Token"));
        assertTrue(Cors.headerAllowed("X-Image-Meta-Property-OS"));
        assertFalse(Cors.headerAllowed("Cookie"));
    }
}
