package org.nefos.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import org.junit.jupiter.api.Test;
import org.nefos.compute.client.PlanktonImages;
import org.nefos.compute.domain.Image;

/** Plankton's two image forms (list entry, headers) read into compute's image, and the status mapping. */
class PlanktonImagesTest {

    @Test
    void planktonStatusesMapToComputeStatuses() {
        assertEquals("ACTIVE", PlanktonImages.computeStatus("AVAILABLE"));
        assertEquals("ACTIVE", PlanktonImages.computeStatus("available"));
        assertEquals("SAVING", PlanktonImages.computeStatus("UNAVAILABLE"));
        assertEquals("SAVING", PlanktonImages.computeStatus("SAVING"));
        assertEquals("ERROR", PlanktonImages.computeStatus("ERROR"));
        assertEquals("UNKNOWN", PlanktonImages.computeStatus("DELETED"));
        assertEquals("UNKNOWN", PlanktonImages.computeStatus("queued"));
        assertEquals("UNKNOWN", PlanktonImages.computeStatus(null));
    }

    @Test
    void aListEntryKeepsItsTypedFields() {
        Image i = PlanktonImages.fromListEntry(new JsonObject().put("id", "a-1").put("name", "Debian \u03b4")
                .put("status", "AVAILABLE").put("size", 2622562304L).put("owner", "u-1").put("is_public", true)
                .put("is_snapshot", false).put("created_at", "2013-03-29 14:14:34")
                .put("updated_at", "2013-03-29 14:14:35")
                .put("properties", new JsonObject().put("osfamily", "linux").put("root_partition", "1")));
        assertEquals("a-1", i.id());
        assertEquals("Debian \u03b4", i.name());
        assertEquals("ACTIVE", i.status());
        assertEquals(2622562304L, i.sizeBytes());
        assertTrue(i.isPublic());
        assertEquals(Instant.parse("2013-03-29T14:14:34Z"), i.created());
        assertEquals(Instant.parse("2013-03-29T14:14:35Z"), i.updated());
        assertEquals(Map.of("osfamily", "linux", "root_partition", "1"), i.properties());
    }

    @Test
    void headersArePercentDecodedAndPropertyDashesBecomeUnderscores() {
        MultiMap h = MultiMap.caseInsensitiveMultiMap()
                .add("X-Image-Meta-Id", "a-2").add("x-image-meta-name", "My%20Debian%20%CE%B4%2B")
                .add("x-image-meta-status", "SAVING").add("x-image-meta-size", "42")
                .add("x-image-meta-owner", "u-2").add("x-image-meta-is-public", "False")
                .add("x-image-meta-is-snapshot", "True").add("x-image-meta-created-at", "2026-01-01 00:00:00")
                .add("x-image-meta-updated-at", "2026-01-01 00:00:01")
                .add("X-Image-Meta-Property-Root-Partition", "1").add("x-image-meta-property-description", "a%20b+c");
        Image i = PlanktonImages.fromHeaders(h);
        assertEquals("a-2", i.id());
        assertEquals("My Debian \u03b4+", i.name());
        assertEquals("SAVING", i.status());
        assertEquals(42, i.sizeBytes());
        assertFalse(i.isPublic());
        assertTrue(i.isSnapshot());
        assertEquals(Map.of("root_partition", "1", "description", "a b+c"), i.properties());
        assertEquals(Instant.parse("2026-01-01T00:00:01Z"), i.updated());
    }
}
