package org.nefos.image.cloudkeeper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

class VoMappingTest {

    @Test
    void readsBothTheTenantAndTheProjectKeyAndIgnoresTheRest() {
        String file = """
                {"dteam": {"tenant": "p-1", "voms": {"lsc": []}},
                 "ops": {"project": " p-2 "},
                 "both": {"project": "p-3", "tenant": "p-old"}}""";
        assertEquals(Map.of("dteam", "p-1", "ops", "p-2", "both", "p-3"), VoMapping.parse(file));
    }

    @Test
    void aVoWithoutProjectOrAFileThatIsNoObjectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> VoMapping.parse("{\"dteam\": {\"voms\": {}}}"));
        assertThrows(IllegalArgumentException.class, () -> VoMapping.parse("{\"dteam\": \"p-1\"}"));
        assertThrows(IllegalArgumentException.class, () -> VoMapping.parse("[]"));
        assertThrows(IllegalArgumentException.class, () -> VoMapping.parse("not json"));
    }
}
