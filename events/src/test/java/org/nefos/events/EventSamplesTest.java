package org.nefos.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The event contract: each type's golden sample must read into its record with nothing unknown and
 * nothing missing, and write back to the same JSON. Renaming, removing or adding a field breaks this
 * test until the sample (and docs/events.md, and the major version if consumers break) are updated.
 */
class EventSamplesTest {

    private final ObjectMapper strict = EventJson.strictMapper();

    @TestFactory
    Stream<DynamicTest> everySampleRoundTripsThroughItsRecord() {
        return EventCatalog.ALL.stream().map(type -> DynamicTest.dynamicTest(type.type(), () -> {
            JsonNode sample = readSample(type.type());
            Object payload = strict.treeToValue(sample, type.payload());
            JsonNode written = strict.readTree(strict.writeValueAsString(payload));
            assertEquals(sample, written, "record " + type.payload().getSimpleName()
                    + " no longer writes the golden sample of " + type.type());
        }));
    }

    @Test
    void everySampleBelongsToACatalogType() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/samples").toURI());
        Set<String> sampled;
        try (Stream<Path> files = Files.list(dir)) {
            sampled = files.map(p -> p.getFileName().toString().replaceFirst("\\.json$", ""))
                    .collect(Collectors.toSet());
        }
        Set<String> catalogued = EventCatalog.ALL.stream().map(EventType::type).collect(Collectors.toSet());
        assertEquals(catalogued, sampled);
    }

    @Test
    void typesAreUniqueAndTopicsFollowTheNaming() {
        assertEquals(EventCatalog.ALL.size(),
                EventCatalog.ALL.stream().map(EventType::type).distinct().count());
        for (EventType<?> type : EventCatalog.ALL) {
            assertTrue(type.topic().matches("[a-z]+\\.[a-z]+\\.(events|commands)"), type.topic());
            String domain = type.type().split("\\.")[2];
            assertTrue(type.topic().startsWith(domain + "."), type.type() + " on " + type.topic());
            assertEquals(1, type.majorVersion());
        }
    }

    @Test
    void theGrammarRejectsMalformedTypes() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EventType<>("nefos.user.created", "identity.user.events", Object.class));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new EventType<>("org.nefos.compute.server.create.begun.v1", "compute.server.events",
                        Object.class));
    }

    private JsonNode readSample(String type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/samples/" + type + ".json")) {
            assertNotNull(in, "no golden sample for " + type);
            return strict.readTree(in);
        }
    }
}
