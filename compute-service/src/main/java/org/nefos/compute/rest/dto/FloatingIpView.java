package org.nefos.compute.rest.dto;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nefos.compute.domain.FloatingIp;

/** The two shapes of a floating IP on the compute API (cyclades-api.md 2.13, 3.8). */
public final class FloatingIpView {

    private FloatingIpView() {
    }

    /** Compute form: integer id, {@code ip}, {@code instance_id} (string or null), null fixed_ip and pool. */
    public static Map<String, Object> compute(FloatingIp ip) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.parseLong(ip.id()));
        m.put("ip", ip.address());
        m.put("instance_id", ip.instanceId());
        m.put("fixed_ip", null);
        m.put("pool", null);
        return m;
    }

    /** Network form, which upstream answers on {@code GET /os-floating-ips/{id}}. */
    public static Map<String, Object> network(FloatingIp ip) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", ip.id());
        m.put("floating_ip_address", ip.address());
        m.put("floating_network_id", ip.networkId());
        m.put("fixed_ip_address", null);
        m.put("port_id", ip.portId());
        m.put("instance_id", ip.instanceId());
        m.put("user_id", ip.userId());
        m.put("tenant_id", ip.project());
        m.put("shared_to_project", ip.sharedToProject());
        m.put("deleted", ip.deleted());
        return m;
    }
}
