package org.nefos.gateway.occi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.nefos.gateway.routing.Service;

/**
 * Networks and network interface links, mapped onto the Cyclades network API (C.5): a link to a private
 * network is a port on it; a link to a public network is a port carrying one of the caller's floating IPs
 * (an unused one, or a new one), which is how Cyclades attaches public addresses.
 */
final class NetworkOps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NET = "/network/v2.0";

    private final CycladesCalls calls;

    NetworkOps(CycladesCalls calls) {
        this.calls = calls;
    }

    // --- networks ------------------------------------------------------------------------------------

    Future<List<Entity>> list(String token) {
        return Future.all(calls.get(Service.NETWORK, NET + "/networks", token),
                calls.get(Service.NETWORK, NET + "/subnets", token)).map(all -> {
                    Map<String, JsonNode> subnets = subnetsByNetwork(all.resultAt(1));
                    List<Entity> out = new ArrayList<>();
                    for (JsonNode n : all.<JsonNode>resultAt(0).path("networks")) {
                        out.add(network(n, subnets.get(n.path("id").asText())));
                    }
                    return out;
                });
    }

    Future<Entity> get(String token, String id) {
        return Future.all(calls.get(Service.NETWORK, NET + "/networks/" + id, token),
                calls.get(Service.NETWORK, NET + "/subnets", token)).map(all -> {
                    JsonNode n = all.<JsonNode>resultAt(0).path("network");
                    return network(n, subnetsByNetwork(all.resultAt(1)).get(n.path("id").asText()));
                });
    }

    private static Map<String, JsonNode> subnetsByNetwork(JsonNode json) {
        Map<String, JsonNode> byNetwork = new LinkedHashMap<>();
        for (JsonNode s : json.path("subnets")) {
            // IPv4 first: the ipnetwork mixin carries one address
            byNetwork.merge(s.path("network_id").asText(), s, (a, b) -> a.path("ip_version").asInt() == 4 ? a : b);
        }
        return byNetwork;
    }

    private static Entity network(JsonNode n, JsonNode subnet) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("occi.core.id", n.path("id").asText());
        attrs.put("occi.core.title", n.path("name").asText());
        attrs.put("occi.network.label", n.path("name").asText());
        attrs.put("occi.network.state", "ACTIVE".equals(n.path("status").asText()) ? "active" : "inactive");
        List<Category> mixins = new ArrayList<>();
        if (subnet != null) {
            mixins.add(Occi.IPNETWORK);
            attrs.put("occi.network.address", subnet.path("cidr").asText());
            if (!subnet.path("gateway_ip").isNull() && !subnet.path("gateway_ip").asText().isEmpty()) {
                attrs.put("occi.network.gateway", subnet.path("gateway_ip").asText());
            }
            attrs.put("occi.network.allocation", subnet.path("enable_dhcp").asBoolean(true) ? "dynamic" : "static");
        }
        attrs.put("org.nefos.network.public", n.path("router:external").asBoolean(false));
        return new Entity(Occi.NETWORK, mixins, attrs, List.of(), List.of(), "network/" + n.path("id").asText());
    }

    /** A private network (MAC_FILTERED) with, if the ipnetwork mixin gives an address, its subnet. */
    Future<String> create(String token, OcciRequest req, String project) {
        List<OcciRequest.Ref> kinds = req.ofClass("kind");
        if (kinds.size() != 1 || !kinds.get(0).id().equals(Occi.NETWORK.id())) {
            throw new OcciException(400, "Exactly one Category of kind " + Occi.NETWORK.id() + " is required");
        }
        for (OcciRequest.Ref m : req.ofClass("mixin")) {
            if (!m.id().equals(Occi.IPNETWORK.id())) {
                throw new OcciException(400, "Mixin " + m.id() + " does not apply to networks");
            }
        }
        Object title = req.attributes().getOrDefault("occi.core.title",
                req.attributes().getOrDefault("occi.network.label", "OCCI network"));
        Object cidr = req.attributes().get("occi.network.address");
        Object gateway = req.attributes().get("occi.network.gateway");
        for (String k : req.attributes().keySet()) {
            if (!List.of("occi.core.title", "occi.core.summary", "occi.network.label", "occi.network.address",
                    "occi.network.gateway", "occi.network.allocation").contains(k)) {
                throw new OcciException(400, "Attribute " + k + " cannot be set on a network");
            }
        }
        if (cidr != null && !(cidr instanceof String)) {
            throw new OcciException(400, "occi.network.address must be a CIDR string");
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode network = body.putObject("network").put("name", String.valueOf(title)).put("type", "MAC_FILTERED");
        if (project != null && !project.isBlank()) {
            network.put("project", project);
        }
        return calls.call(Service.NETWORK, HttpMethod.POST, NET + "/networks", token, body).compose(created -> {
            String id = created.path("network").path("id").asText();
            if (cidr == null) {
                return Future.succeededFuture("network/" + id);
            }
            ObjectNode sub = JSON.createObjectNode();
            ObjectNode s = sub.putObject("subnet").put("network_id", id).put("cidr", (String) cidr).put("ip_version", 4);
            if (gateway != null) {
                s.put("gateway_ip", String.valueOf(gateway));
            }
            if ("static".equals(req.attributes().get("occi.network.allocation"))) {
                s.put("enable_dhcp", false);
            }
            return calls.call(Service.NETWORK, HttpMethod.POST, NET + "/subnets", token, sub)
                    .map(v -> "network/" + id)
                    // the subnet was refused: take the network back, then report why
                    .recover(t -> calls.call(Service.NETWORK, HttpMethod.DELETE, NET + "/networks/" + id, token, null)
                            .transform(ignored -> Future.failedFuture(t)));
        });
    }

    Future<Void> delete(String token, String id) {
        return calls.call(Service.NETWORK, HttpMethod.DELETE, NET + "/networks/" + id, token, null).mapEmpty();
    }

    // --- network interface links ---------------------------------------------------------------------

    /** The link a server's attachment (a port) renders as, from the compute resource. */
    static Entity.Link interfaceLink(JsonNode nic, int index) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("occi.core.id", nic.path("id").asText());
        attrs.put("occi.networkinterface.interface", "eth" + index);
        attrs.put("occi.networkinterface.mac", nic.path("mac_address").asText());
        attrs.put("occi.networkinterface.state", "active");
        String v4 = nic.path("ipv4").asText(""), v6 = nic.path("ipv6").asText("");
        if (!v4.isEmpty()) {
            attrs.put("occi.networkinterface.address", v4);
        } else if (!v6.isEmpty()) {
            attrs.put("occi.networkinterface.address", v6);
        }
        if (!v6.isEmpty()) {
            attrs.put("org.nefos.networkinterface.ip6", v6);
        }
        attrs.put("occi.networkinterface.allocation",
                "floating".equals(nic.path("OS-EXT-IPS:type").asText()) ? "static" : "dynamic");
        return new Entity.Link("network/" + nic.path("network_id").asText(), Occi.NETWORK.id(),
                "networklink/" + nic.path("id").asText(),
                List.of(Occi.NETWORKINTERFACE.id(), Occi.IPNETWORKINTERFACE.id()), attrs);
    }

    Future<List<String>> links(String token) {
        return calls.get(Service.NETWORK, NET + "/ports", token).map(json -> {
            List<String> out = new ArrayList<>();
            for (JsonNode p : json.path("ports")) {
                if (!p.path("device_id").asText("").isEmpty()) {
                    out.add("networklink/" + p.path("id").asText());
                }
            }
            return out;
        });
    }

    Future<Entity> getLink(String token, String id) {
        return calls.get(Service.NETWORK, NET + "/ports/" + id, token).map(json -> link(json.path("port")));
    }

    private static Entity link(JsonNode port) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        String id = port.path("id").asText();
        attrs.put("occi.core.id", id);
        String device = port.path("device_id").asText("");
        if (!device.isEmpty()) {
            attrs.put("occi.core.source", "compute/" + device);
        }
        attrs.put("occi.core.target", "network/" + port.path("network_id").asText());
        attrs.put("occi.networkinterface.mac", port.path("mac_address").asText());
        attrs.put("occi.networkinterface.state", "ACTIVE".equals(port.path("status").asText()) ? "active" : "inactive");
        JsonNode ips = port.path("fixed_ips");
        if (ips.size() > 0) {
            attrs.put("occi.networkinterface.address", ips.get(0).path("ip_address").asText());
        }
        return new Entity(Occi.NETWORKINTERFACE, List.of(Occi.IPNETWORKINTERFACE), attrs, List.of(), List.of(),
                "networklink/" + id);
    }

    /**
     * POST /networklink/: a networkinterface link from a compute resource ({@code occi.core.source}) to a
     * network ({@code occi.core.target}); the target may be a public network (a floating IP is used).
     */
    Future<String> createLink(String token, OcciRequest req, String root) {
        List<OcciRequest.Ref> kinds = req.ofClass("kind");
        if (kinds.size() != 1 || !kinds.get(0).id().equals(Occi.NETWORKINTERFACE.id())) {
            throw new OcciException(400, "Exactly one Category of kind " + Occi.NETWORKINTERFACE.id() + " is required");
        }
        String server = ComputeOps.serverOf(required(req, "occi.core.source"));
        String network = idOf(required(req, "occi.core.target"), "network");
        Object address = req.attributes().get("occi.networkinterface.address");
        return attach(token, server, network, address == null ? null : String.valueOf(address))
                .map(port -> "networklink/" + port);
    }

    /** Re-association (D.3 §5): a new source moves the interface, and its address, to another server. */
    Future<Entity> updateLink(String token, String id, OcciRequest req, String root) {
        Object source = req.attributes().get("occi.core.source");
        for (String k : req.attributes().keySet()) {
            if (!k.equals("occi.core.source")) {
                throw new OcciException(400, "Only occi.core.source can change on a network interface");
            }
        }
        if (source == null) {
            throw new OcciException(400, "occi.core.source (the compute resource to move to) is required");
        }
        String server = ComputeOps.serverOf(String.valueOf(source));
        return calls.get(Service.NETWORK, NET + "/ports/" + id, token).compose(json -> {
            JsonNode port = json.path("port");
            String network = port.path("network_id").asText();
            JsonNode ips = port.path("fixed_ips");
            String address = ips.size() > 0 ? ips.get(0).path("ip_address").asText() : null;
            return calls.call(Service.NETWORK, HttpMethod.DELETE, NET + "/ports/" + id, token, null)
                    .compose(v -> retryConflicts(() -> attach(token, server, network, address), 50))
                    .compose(newPort -> getLink(token, newPort));
        });
    }

    Future<Void> deleteLink(String token, String id) {
        return calls.call(Service.NETWORK, HttpMethod.DELETE, NET + "/ports/" + id, token, null).mapEmpty();
    }

    private Future<String> attach(String token, String server, String network, String address) {
        return calls.get(Service.NETWORK, NET + "/networks/" + network, token).compose(json -> {
            boolean isPublic = json.path("network").path("router:external").asBoolean(false);
            Future<String> ip = isPublic ? floatingIp(token, network, address) : Future.succeededFuture(address);
            return ip.compose(a -> {
                ObjectNode body = JSON.createObjectNode();
                ObjectNode port = body.putObject("port").put("network_id", network).put("device_id", server);
                if (a != null) {
                    port.putArray("fixed_ips").addObject().put("ip_address", a);
                }
                return calls.call(Service.NETWORK, HttpMethod.POST, NET + "/ports", token, body)
                        .map(created -> created.path("port").path("id").asText());
            });
        });
    }

    /** The given floating IP, else one of the caller's unused ones on that network, else a new one. */
    private Future<String> floatingIp(String token, String network, String wanted) {
        if (wanted != null) {
            return Future.succeededFuture(wanted);
        }
        return calls.get(Service.NETWORK, NET + "/floatingips", token).compose(json -> {
            for (JsonNode f : json.path("floatingips")) {
                if (network.equals(f.path("floating_network_id").asText()) && f.path("port_id").isNull()
                        && f.path("instance_id").isNull()) {
                    return Future.succeededFuture(f.path("floating_ip_address").asText());
                }
            }
            ObjectNode body = JSON.createObjectNode();
            body.putObject("floatingip").put("floating_network_id", network);
            return calls.call(Service.NETWORK, HttpMethod.POST, NET + "/floatingips", token, body)
                    .map(created -> created.path("floatingip").path("floating_ip_address").asText());
        });
    }

    /** For a server create: the {@code networks} item a network link becomes. */
    static Future<JsonNode> networkChoice(CycladesCalls calls, String token, String network) {
        return calls.get(Service.NETWORK, NET + "/networks/" + network, token).compose(json -> {
            ObjectNode item = JSON.createObjectNode().put("uuid", network);
            if (!json.path("network").path("router:external").asBoolean(false)) {
                return Future.succeededFuture(item);
            }
            return new NetworkOps(calls).floatingIp(token, network, null).map(ip -> {
                item.put("fixed_ip", ip);
                return (JsonNode) item;
            });
        });
    }

    /** A port just deleted frees its address a moment later: retry a 409 a bounded number of times. */
    private static <T> Future<T> retryConflicts(java.util.function.Supplier<Future<T>> attempt, int left) {
        return attempt.get().recover(t -> {
            if (left > 0 && t instanceof OcciException e && e.status() == 409) {
                io.vertx.core.Promise<T> later = io.vertx.core.Promise.promise();
                io.vertx.core.Vertx.currentContext().owner().setTimer(100,
                        id -> retryConflicts(attempt, left - 1).onComplete(later));
                return later.future();
            }
            return Future.failedFuture(t);
        });
    }

    private static String required(OcciRequest req, String name) {
        Object v = req.attributes().get(name);
        if (v == null) {
            throw new OcciException(400, name + " is required");
        }
        return String.valueOf(v);
    }

    /** The id in a location of {@code kind} ({@code .../network/42}). */
    static String idOf(String location, String kind) {
        Matcher m = Pattern.compile("(?:^|/)" + kind + "/([A-Za-z0-9_.-]+)/?$").matcher(location);
        if (!m.find()) {
            throw new OcciException(400, "Not a " + kind + " location: " + location);
        }
        return m.group(1);
    }
}
