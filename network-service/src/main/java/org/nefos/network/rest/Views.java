package org.nefos.network.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.nefos.network.config.NetworkConfig;
import org.nefos.network.domain.FloatingIp;
import org.nefos.network.domain.Network;
import org.nefos.network.domain.Port;
import org.nefos.network.domain.Subnet;
import org.nefos.network.domain.Ipv4;
import org.nefos.platform.fault.Faults;
import org.nefos.platform.json.SynnefoDates;

/** The wire forms of cyclades-api.md 3.5-3.8 (string ids, field names exactly as upstream). */
@ApplicationScoped
public class Views {

    public static final String JSON = Faults.JSON_UTF8;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    NetworkConfig config;

    public String root() {
        String base = config.publicUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/network/v2.0";
    }

    private List<Map<String, String>> links(String collection, long id) {
        String href = root() + "/" + collection + "/" + id;
        return List.of(Map.of("rel", "self", "href", href), Map.of("rel", "bookmark", "href", href));
    }

    public Map<String, Object> network(Network n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(n.id()));
        m.put("name", n.name());
        m.put("links", links("networks", n.id()));
        m.put("user_id", n.userId());
        m.put("tenant_id", n.projectId());
        m.put("shared_to_project", n.sharedToProject());
        m.put("type", n.type());
        m.put("status", n.status());
        m.put("public", n.isPublic());
        m.put("shared", n.isPublic());
        m.put("router:external", n.isPublic());
        m.put("admin_state_up", true);
        m.put("subnets", n.subnets().stream().map(String::valueOf).toList());
        m.put("SNF:floating_ip_pool", n.floatingIpPool());
        m.put("created", SynnefoDates.format(n.created()));
        m.put("updated", SynnefoDates.format(n.updated()));
        m.put("deleted", n.deleted());
        return m;
    }

    public Map<String, Object> subnet(Subnet s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(s.id()));
        m.put("network_id", String.valueOf(s.networkId()));
        m.put("name", s.name());
        m.put("tenant_id", s.projectId() == null ? s.userId() : s.projectId());
        m.put("user_id", s.userId());
        m.put("public", s.isPublic());
        m.put("gateway_ip", s.gatewayIp());
        m.put("ip_version", s.ipVersion());
        m.put("cidr", s.cidr());
        m.put("enable_dhcp", s.enableDhcp());
        m.put("dns_nameservers", parse(s.dnsNameservers()));
        m.put("host_routes", parse(s.hostRoutes()));
        m.put("allocation_pools", s.ipVersion() == 4
                ? s.pools().stream().map(p -> Map.of("start", Ipv4.format(p[0]), "end", Ipv4.format(p[1]))).toList()
                : List.of());
        m.put("deleted", false);
        if (s.ipVersion() == 6) {
            m.put("enable_slaac", s.enableDhcp());
        }
        m.put("links", links("subnets", s.id()));
        return m;
    }

    public Map<String, Object> port(Port p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(p.id()));
        m.put("name", p.name());
        m.put("links", links("ports", p.id()));
        m.put("user_id", p.userId());
        m.put("tenant_id", p.userId());
        m.put("device_id", p.deviceId() == null ? null : String.valueOf(p.deviceId()));
        m.put("device_owner", p.deviceId() == null ? null : "vm");
        m.put("network_id", String.valueOf(p.networkId()));
        m.put("mac_address", p.macAddress());
        m.put("status", p.status().name());
        m.put("admin_state_up", true);
        m.put("fixed_ips", p.fixedIps().stream()
                .map(f -> Map.of("ip_address", f.ipAddress(), "subnet", String.valueOf(f.subnetId()))).toList());
        m.put("security_groups", List.of());
        m.put("created", SynnefoDates.format(p.created()));
        m.put("updated", SynnefoDates.format(p.updated()));
        return m;
    }

    public Map<String, Object> floatingIp(FloatingIp ip) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", String.valueOf(ip.id()));
        m.put("floating_ip_address", ip.address());
        m.put("floating_network_id", String.valueOf(ip.networkId()));
        m.put("fixed_ip_address", null);
        m.put("port_id", ip.portId() == null ? null : String.valueOf(ip.portId()));
        m.put("instance_id", ip.instanceId() == null ? null : String.valueOf(ip.instanceId()));
        m.put("user_id", ip.userId());
        m.put("tenant_id", ip.projectId());
        m.put("shared_to_project", ip.sharedToProject());
        m.put("deleted", ip.deleted());
        return m;
    }

    public static Response status(int status, Object body) {
        return Response.status(status).entity(body).type(JSON).build();
    }

    private static Object parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
