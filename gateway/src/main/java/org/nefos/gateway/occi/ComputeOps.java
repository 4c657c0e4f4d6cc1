package org.nefos.gateway.occi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.nefos.gateway.routing.Service;

/** Compute resources, templates and the query interface, mapped onto the Cyclades compute API (C.3–C.5). */
final class ComputeOps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVERS = "/compute/v2.0/servers";
    /** Where contextualisation lands on a Synnefo VM: cloud-init's NoCloud seed (C.3). */
    static final String SEED_USER_DATA = "/var/lib/cloud/seed/nocloud-net/user-data";
    static final String SEED_META_DATA = "/var/lib/cloud/seed/nocloud-net/meta-data";
    private static final Set<String> CREATE_ATTRIBUTES = Set.of("occi.core.title", "occi.core.summary",
            "occi.compute.architecture", "occi.compute.cores", "occi.compute.memory",
            "org.openstack.compute.user_data", "occi.compute.userdata", "org.openstack.credentials.publickey.name",
            "org.openstack.credentials.publickey.data", "occi.credentials.ssh.publickey");

    private final CycladesCalls calls;
    private final String architecture;

    ComputeOps(CycladesCalls calls, String architecture) {
        this.calls = calls;
        this.architecture = architecture;
    }

    // --- query interface and templates ---------------------------------------------------------------

    Future<List<Category>> queryInterface(String token, OcciRequest filter) {
        return Future.all(flavors(token), calls.get(Service.COMPUTE, "/compute/v2.0/images/detail", token))
                .map(all -> {
                    Map<String, JsonNode> flavors = all.resultAt(0);
                    JsonNode images = all.resultAt(1);
                    List<Category> categories = new ArrayList<>(Occi.STATIC);
                    flavors.values().forEach(f -> categories.add(flavorTemplate(f)));
                    for (JsonNode image : images.path("images")) {
                        if ("ACTIVE".equals(image.path("status").asText("ACTIVE"))) {
                            categories.add(Occi.imageTemplate(image.path("id").asText(), image.path("name").asText()));
                        }
                    }
                    if (filter.categories().isEmpty()) {
                        return categories;
                    }
                    Set<String> wanted = new java.util.HashSet<>();
                    filter.categories().forEach(c -> wanted.add(c.id()));
                    return categories.stream().filter(c -> wanted.contains(c.id())).toList();
                });
    }

    private static Category flavorTemplate(JsonNode f) {
        return Occi.flavorTemplate(f.path("id").asText(), f.path("name").asText(), f.path("vcpus").asInt(),
                f.path("ram").asLong() / 1024.0, f.path("disk").asInt());
    }

    private Future<Map<String, JsonNode>> flavors(String token) {
        return calls.get(Service.COMPUTE, "/compute/v2.0/flavors/detail", token).map(json -> {
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            json.path("flavors").forEach(f -> byId.put(f.path("id").asText(), f));
            return byId;
        });
    }

    // --- compute resources ---------------------------------------------------------------------------

    Future<List<Entity>> list(String token, OcciRequest filter) {
        return Future.all(calls.get(Service.COMPUTE, SERVERS + "/detail", token), flavors(token)).map(all -> {
            JsonNode servers = all.<JsonNode>resultAt(0).path("servers");
            Map<String, JsonNode> flavors = all.resultAt(1);
            List<Entity> out = new ArrayList<>();
            for (JsonNode s : servers) {
                if (!"DELETED".equals(s.path("status").asText())) {
                    out.add(entity(s, flavors.get(s.path("flavor").path("id").asText())));
                }
            }
            return out.stream().filter(e -> matches(e, filter)).toList();
        });
    }

    /** Members of a template mixin's collection: the compute resources made from that image or flavor. */
    Future<List<Entity>> members(String token, String template, String id) {
        return list(token, OcciRequest.empty()).map(all -> all.stream().filter(e -> id.isEmpty()
                || e.mixins().stream().anyMatch(m -> m.term().equals(id)
                        && m.scheme().equals(template.equals("os_tpl") ? Occi.OS_TPL_SCHEME : Occi.RESOURCE_TPL_SCHEME)))
                .toList());
    }

    /** Filtering by Category and X-OCCI-Attribute (GFD.185 §3.4.3): every given one must match. */
    private static boolean matches(Entity e, OcciRequest filter) {
        for (OcciRequest.Ref c : filter.categories()) {
            boolean has = e.kind().id().equals(c.id()) || e.mixins().stream().anyMatch(m -> m.id().equals(c.id()));
            if (!has) {
                return false;
            }
        }
        for (Map.Entry<String, Object> a : filter.attributes().entrySet()) {
            if (!Objects.equals(String.valueOf(e.attributes().get(a.getKey())), String.valueOf(a.getValue()))) {
                return false;
            }
        }
        return true;
    }

    Future<Entity> get(String token, String id) {
        String serverId = serverId(id);
        return calls.get(Service.COMPUTE, SERVERS + "/" + serverId, token).compose(json -> {
            JsonNode server = json.path("server");
            if ("DELETED".equals(server.path("status").asText())) {
                // Cyclades keeps showing deleted servers for a while; for OCCI the instance is gone
                return Future.failedFuture(new OcciException(404, "Compute resource " + serverId + " was deleted"));
            }
            return calls.get(Service.COMPUTE, "/compute/v2.0/flavors/" + server.path("flavor").path("id").asText(), token)
                    .map(f -> entity(server, f.path("flavor")))
                    .recover(t -> Future.succeededFuture(entity(server, null)));
        });
    }

    static String serverId(String id) {
        if (!id.matches("\\d{1,18}")) {
            throw new OcciException(404, "No compute resource " + id);
        }
        return id;
    }

    Entity entity(JsonNode s, JsonNode flavor) {
        String id = s.path("id").asText();
        String status = s.path("status").asText();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("occi.core.id", id);
        attrs.put("occi.core.title", s.path("name").asText());
        attrs.put("occi.compute.architecture", architecture);
        if (flavor != null && !flavor.isMissingNode()) {
            attrs.put("occi.compute.cores", flavor.path("vcpus").asLong());
            attrs.put("occi.compute.memory", flavor.path("ram").asLong() / 1024.0);
        }
        String fqdn = s.path("SNF:fqdn").asText("");
        if (!fqdn.isEmpty()) {
            attrs.put("occi.compute.hostname", fqdn);
        }
        attrs.put("occi.compute.state", state(status));
        attrs.put("occi.compute.state.message", status);
        List<Category> mixins = new ArrayList<>();
        String image = s.path("image").path("id").asText("");
        if (!image.isEmpty()) {
            mixins.add(Category.mixin(image, Occi.OS_TPL_SCHEME, null, Occi.OS_TPL.id(), "os_tpl/" + image, List.of()));
        }
        String flavorId = s.path("flavor").path("id").asText("");
        if (!flavorId.isEmpty()) {
            mixins.add(Category.mixin(flavorId, Occi.RESOURCE_TPL_SCHEME, null, Occi.RESOURCE_TPL.id(),
                    "resource_tpl/" + flavorId, List.of()));
        }
        List<Entity.Link> links = new ArrayList<>();
        int index = 0;
        for (JsonNode nic : s.path("attachments")) {
            links.add(NetworkOps.interfaceLink(nic, index++));
        }
        int disk = 0;
        for (JsonNode volume : s.path("volumes")) {
            links.add(StorageOps.storageLink(id, volume.asText(), "in_use", disk++));
        }
        return new Entity(Occi.COMPUTE, mixins, attrs, links, applicableActions(status), "compute/" + id);
    }

    /** OCCI state of a Cyclades status: ACTIVE active, ERROR error (1.2), anything else inactive. */
    static String state(String status) {
        return switch (status) {
            case "ACTIVE" -> "active";
            case "ERROR" -> "error";
            default -> "inactive";
        };
    }

    /** The actions that make sense now: stop and restart a running server, start a stopped one. */
    static List<String> applicableActions(String status) {
        return switch (status) {
            case "ACTIVE" -> List.of(Occi.STOP.id(), Occi.RESTART.id());
            case "STOPPED" -> List.of(Occi.START.id());
            default -> List.of();
        };
    }

    Future<String> create(String token, OcciRequest req, String project) {
        List<OcciRequest.Ref> kinds = req.ofClass("kind");
        if (kinds.size() != 1 || !kinds.get(0).id().equals(Occi.COMPUTE.id())) {
            throw new OcciException(400, "Exactly one Category of kind " + Occi.COMPUTE.id() + " is required");
        }
        String image = null, flavor = null;
        for (OcciRequest.Ref m : req.ofClass("mixin")) {
            switch (m.scheme()) {
                case Occi.OS_TPL_SCHEME -> image = once(image, m.term(), "os_tpl");
                case Occi.RESOURCE_TPL_SCHEME -> flavor = once(flavor, m.term(), "resource_tpl");
                default -> {
                    if (!Set.of(Occi.USER_DATA.id(), Occi.PUBLIC_KEY.id(), Occi.SSH_KEY.id(), Occi.USER_DATA_12.id())
                            .contains(m.id())) {
                        throw new OcciException(400, "Mixin " + m.id() + " does not apply to compute resources");
                    }
                }
            }
        }
        if (image == null) {
            throw new OcciException(400, "An os_tpl mixin (scheme " + Occi.OS_TPL_SCHEME + ") is required");
        }
        if (flavor == null || !flavor.matches("\\d{1,18}")) {
            throw new OcciException(400, "A resource_tpl mixin (scheme " + Occi.RESOURCE_TPL_SCHEME
                    + ", term = flavor id) is required");
        }
        for (String name : req.attributes().keySet()) {
            if (!CREATE_ATTRIBUTES.contains(name)) {
                throw new OcciException(400, "Attribute " + name + " cannot be set on create");
            }
        }
        Object title = req.attributes().getOrDefault("occi.core.title", "OCCI_VM");
        if (!(title instanceof String name) || name.isBlank()) {
            throw new OcciException(400, "occi.core.title must be a non-empty string");
        }
        String userData = stringAttr(req, "occi.compute.userdata", "org.openstack.compute.user_data");
        if (userData != null) {
            try {
                Base64.getDecoder().decode(userData);
            } catch (IllegalArgumentException e) {
                throw new OcciException(400, "User data must be base64-encoded");
            }
        }
        String publicKey = stringAttr(req, "occi.credentials.ssh.publickey", "org.openstack.credentials.publickey.data");
        String keyName = stringAttr(req, "org.openstack.credentials.publickey.name");
        if (publicKey != null && (publicKey.isBlank() || !publicKey.trim().matches("(ssh|ecdsa)-[A-Za-z0-9@._-]+ [A-Za-z0-9+/=]+.*"))) {
            throw new OcciException(400, "The public key must be an OpenSSH public key line");
        }
        List<Future<JsonNode>> networkLinks = new ArrayList<>();
        for (OcciRequest.LinkRef l : req.links()) {
            if (!l.rel().equals(Occi.NETWORK.id())) {
                throw new OcciException(400, "Only links to networks (rel " + Occi.NETWORK.id() + ") are supported on create");
            }
            networkLinks.add(NetworkOps.networkChoice(calls, token, NetworkOps.idOf(l.target(), "network")));
        }
        String flavorRef = flavor, imageRef = image;
        Future<String> key = publicKey == null ? Future.succeededFuture(null)
                : importKey(token, keyName, publicKey.trim());
        return Future.all(networkLinks).compose(nets -> key.compose(k -> {
            ObjectNode server = JSON.createObjectNode();
            server.put("name", name).put("imageRef", imageRef).put("flavorRef", flavorRef);
            if (project != null && !project.isBlank()) {
                server.put("project", project);
            }
            if (k != null) {
                server.put("key_name", k);
            }
            ArrayNode personality = JSON.createArrayNode();
            if (userData != null) {
                server.put("user_data", userData);
                personality.addObject().put("path", SEED_USER_DATA).put("contents", userData).put("mode", 0600);
            }
            if (publicKey != null) {
                String meta = "instance-id: occi\npublic-keys:\n  - " + publicKey.trim() + "\n";
                personality.addObject().put("path", SEED_META_DATA)
                        .put("contents", Base64.getEncoder().encodeToString(meta.getBytes(StandardCharsets.UTF_8)))
                        .put("mode", 0600);
            }
            if (!personality.isEmpty()) {
                server.set("personality", personality);
            }
            if (!req.links().isEmpty()) {
                ArrayNode networks = server.putArray("networks");
                for (int i = 0; i < nets.size(); i++) {
                    networks.add(nets.<JsonNode>resultAt(i));
                }
            }
            ObjectNode body = JSON.createObjectNode();
            body.set("server", server);
            return calls.call(Service.COMPUTE, HttpMethod.POST, SERVERS, token, body)
                    .map(created -> "compute/" + created.path("server").path("id").asText());
        }));
    }

    /** Imports the key as a Cyclades keypair (named after its fingerprint unless named), reusing an equal one. */
    private Future<String> importKey(String token, String name, String publicKey) {
        String keyName = name != null && !name.isBlank() ? name : "occi-" + fingerprint(publicKey);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("keypair").put("name", keyName).put("public_key", publicKey);
        return calls.call(Service.COMPUTE, HttpMethod.POST, "/compute/v2.0/os-keypairs", token, body).map(keyName)
                .recover(t -> {
                    if (t instanceof OcciException e && e.status() == 409) {
                        return calls.get(Service.COMPUTE, "/compute/v2.0/os-keypairs/" + keyName, token).map(existing -> {
                            if (!existing.path("keypair").path("public_key").asText().trim().equals(publicKey)) {
                                throw new OcciException(409, "A different key is already named " + keyName);
                            }
                            return keyName;
                        });
                    }
                    return Future.failedFuture(t);
                });
    }

    private static String fingerprint(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String once(String current, String term, String what) {
        if (current != null) {
            throw new OcciException(400, "Only one " + what + " mixin may be given");
        }
        return term;
    }

    private static String stringAttr(OcciRequest req, String... names) {
        for (String n : names) {
            Object v = req.attributes().get(n);
            if (v != null) {
                if (!(v instanceof String s)) {
                    throw new OcciException(400, "Attribute " + n + " must be a string");
                }
                return s;
            }
        }
        return null;
    }

    /** Partial update (POST on the instance): only the title can change; templates cannot (no resize here). */
    Future<Entity> update(String token, String id, OcciRequest req) {
        String serverId = serverId(id);
        if (!req.categories().isEmpty() || !req.links().isEmpty()) {
            throw new OcciException(400, "Only occi.core.title can be updated on a compute resource");
        }
        Map<String, Object> attrs = new HashMap<>(req.attributes());
        Object title = attrs.remove("occi.core.title");
        if (!attrs.isEmpty()) {
            throw new OcciException(400, "Immutable or unknown attributes: " + String.join(", ", attrs.keySet()));
        }
        if (!(title instanceof String name) || name.isBlank()) {
            throw new OcciException(400, "occi.core.title must be a non-empty string");
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("server").put("name", name);
        return calls.call(Service.COMPUTE, HttpMethod.PUT, SERVERS + "/" + serverId, token, body)
                .compose(v -> get(token, serverId));
    }

    Future<Void> action(String token, String id, String term, OcciRequest req) {
        String serverId = serverId(id);
        String actionId = Occi.COMPUTE_ACTION + term;
        if (Occi.UNSUPPORTED_ACTIONS.contains(actionId)) {
            throw new OcciException(501, "Action " + term + " is not supported by Cyclades");
        }
        if (!List.of("start", "stop", "restart").contains(term)) {
            throw new OcciException(400, "Unknown action " + term);
        }
        for (OcciRequest.Ref c : req.categories()) {
            if (!c.klass().equals("action") || !c.id().equals(actionId)) {
                throw new OcciException(400, "The Category " + c.id() + " does not name the action " + actionId);
            }
        }
        Object method = req.attributes().get("method");
        if (method != null && !(term.equals("stop") ? List.of("graceful", "acpioff", "poweroff")
                : List.of("graceful", "warm", "cold")).contains(String.valueOf(method))) {
            throw new OcciException(400, "Invalid method " + method + " for " + term);
        }
        return calls.get(Service.COMPUTE, SERVERS + "/" + serverId, token).compose(json -> {
            String status = json.path("server").path("status").asText();
            if (!applicableActions(status).contains(actionId)) {
                throw new OcciException(400, "Action " + term + " is not applicable to a compute resource in state "
                        + state(status) + " (" + status + ")");
            }
            ObjectNode body = JSON.createObjectNode();
            switch (term) {
                case "start" -> body.putObject("start");
                case "stop" -> body.putObject("shutdown");
                default -> body.putObject("reboot").put("type", "cold".equals(method) ? "HARD" : "SOFT");
            }
            return calls.call(Service.COMPUTE, HttpMethod.POST, SERVERS + "/" + serverId + "/action", token, body)
                    .mapEmpty();
        });
    }

    Future<Void> delete(String token, String id) {
        return calls.call(Service.COMPUTE, HttpMethod.DELETE, SERVERS + "/" + serverId(id), token, null).mapEmpty();
    }

    /** Server id in a compute location (absolute or relative). */
    static String serverOf(String location) {
        Matcher m = Pattern.compile("(?:^|/)compute/(\\d{1,18})/?$").matcher(location);
        if (!m.find()) {
            throw new OcciException(400, "Not a compute resource location: " + location);
        }
        return m.group(1);
    }
}
