package org.nefos.compute.rest.dto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nefos.compute.domain.ServerPort;

/** {@code attachments} and {@code addresses} of a server from its ACTIVE ports (cyclades-api.md 3.2, 2.8). */
public record ServerAddresses(List<Object> attachments, Map<String, Object> addresses) {

    public static final ServerAddresses NONE = new ServerAddresses(List.of(), Map.of());

    /** Ports in port-id order; a later port on the same network overwrites the earlier one's addresses. */
    public static ServerAddresses of(List<ServerPort> ports) {
        List<Object> attachments = new ArrayList<>();
        Map<String, Object> addresses = new LinkedHashMap<>();
        for (ServerPort p : ports) {
            if (!p.active()) {
                continue;
            }
            String type = p.floating() ? "floating" : "fixed";
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", p.portId());
            a.put("network_id", p.networkId());
            a.put("mac_address", p.macAddress());
            a.put("ipv4", p.ipv4() == null ? "" : p.ipv4());
            a.put("ipv6", p.ipv6() == null ? "" : p.ipv6());
            if (p.ipv4() != null || p.ipv6() != null) {
                a.put("OS-EXT-IPS:type", type);
            }
            attachments.add(a);
            List<Map<String, Object>> entries = new ArrayList<>();
            if (p.ipv4() != null) {
                entries.add(address(4, p.ipv4(), type));
            }
            if (p.ipv6() != null) {
                entries.add(address(6, p.ipv6(), type));
            }
            addresses.put(p.networkId(), entries);
        }
        return new ServerAddresses(attachments, addresses);
    }

    /** The {@code /ips/{network}} answer: that network's entries, or nothing. */
    public Map<String, Object> ofNetwork(String networkId) {
        Object entries = addresses.get(networkId);
        return entries == null ? Map.of() : Map.of(networkId, entries);
    }

    private static Map<String, Object> address(int version, String addr, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("addr", addr);
        m.put("OS-EXT-IPS:type", type);
        return m;
    }
}
