package org.nefos.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nefos.platform.fault.FaultException;

class ContentRangeTest {

    @Test
    void parsesAppendOverwriteAndOpenEndedForms() {
        assertTrue(ContentRange.parse("bytes */*").append());
        ContentRange r = ContentRange.parse("bytes 5-9/*");
        assertEquals(5, r.first());
        assertEquals(5L, r.length());
        assertNull(r.total());
        ContentRange open = ContentRange.parse("bytes 0-/12");
        assertNull(open.last());
        assertEquals(12L, open.total());
    }

    @Test
    void rejectsMalformedAndInvertedRangesWith416() {
        for (String bad : new String[] {"bytes 9-5/*", "bytes 0-10/10", "bytes 10-/10", "bytes=0-1/*", "bytes x-1/*",
                "bytes 1-2", "bytes */5", "bytes -1/*", "items 0-1/*"}) {
            FaultException e = assertThrows(FaultException.class, () -> ContentRange.parse(bad), bad);
            assertEquals(416, e.status(), bad);
        }
    }
}
