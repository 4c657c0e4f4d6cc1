package org.nefos.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nefos.platform.fault.FaultException;

class TypeFilterTest {

    private static final String COMPLETED = "org.nefos.compute.server.create.completed.v1";

    @Test
    void noParameterSelectsEverything() {
        assertTrue(TypeFilter.parse(null).matches(COMPLETED));
        assertTrue(TypeFilter.parse("").matches("org.nefos.network.port.created.v1"));
    }

    @Test
    void entriesMatchExactlyOrAsDottedPrefix() {
        TypeFilter f = TypeFilter.parse("org.nefos.compute.server, org.nefos.network.port.created.v1");
        assertTrue(f.matches(COMPLETED));
        assertTrue(f.matches("org.nefos.network.port.created.v1"));
        assertFalse(f.matches("org.nefos.network.port.deleted.v1"));
        assertFalse(TypeFilter.parse("org.nefos.compute.serv").matches(COMPLETED), "prefixes end at a dot");
        assertTrue(TypeFilter.parse("org.nefos.compute.*").matches(COMPLETED), "a trailing .* is allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Org.Nefos", "org..nefos", "org.nefos,", "*", "org nefos", "org.nefos.*.v1"})
    void malformedEntriesAreBadRequests(String types) {
        FaultException e = assertThrows(FaultException.class, () -> TypeFilter.parse(types));
        assertEquals(400, e.status());
    }
}
