package org.nefos.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nefos.compute.domain.FloatingIp;
import org.nefos.compute.rest.dto.FloatingIpView;

/** The compute and network forms of a floating IP (cyclades-api.md 1.8, 2.13, 3.8): field names and JSON types. */
class FloatingIpViewTest {

    private final FloatingIp attached = new FloatingIp("17", "203.0.113.7", "3", "42", "1001", "u-1", "p-1", false,
            false, Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void computeFormHasAnIntegerIdAndNullFixedIpAndPool() {
        Map<String, Object> m = FloatingIpView.compute(attached);
        assertEquals(List.of("id", "ip", "instance_id", "fixed_ip", "pool"), List.copyOf(m.keySet()));
        assertEquals(17L, m.get("id"));
        assertEquals("203.0.113.7", m.get("ip"));
        assertEquals("1001", m.get("instance_id"));
        assertNull(m.get("fixed_ip"));
        assertNull(m.get("pool"));
        FloatingIp free = new FloatingIp("18", "203.0.113.8", "3", null, null, "u-1", "p-1", false, false,
                Instant.EPOCH);
        assertNull(FloatingIpView.compute(free).get("instance_id"), "burnin treats a null instance_id as unused");
    }

    @Test
    void networkFormKeepsStringIdsAndTheChargedProject() {
        Map<String, Object> m = FloatingIpView.network(attached);
        assertEquals("17", m.get("id"));
        assertEquals("203.0.113.7", m.get("floating_ip_address"));
        assertEquals("3", m.get("floating_network_id"));
        assertNull(m.get("fixed_ip_address"));
        assertEquals("42", m.get("port_id"));
        assertEquals("1001", m.get("instance_id"));
        assertEquals("u-1", m.get("user_id"));
        assertEquals("p-1", m.get("tenant_id"));
        assertEquals(false, m.get("shared_to_project"));
        assertEquals(false, m.get("deleted"));
    }
}
