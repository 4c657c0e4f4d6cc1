package org.nefos.gateway.occi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import org.nefos.gateway.routing.Service;

/**
 * Storage (Cyclades volumes) and storagelinks (volume attachments), C.5: a storage resource is a detachable
 * volume; a storagelink {@code <server>_<volume>} is its attachment, made and removed through the server's
 * {@code os-volume_attachments}.
 */
final class StorageOps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VOLUMES = "/volume/v2.0/volumes";

    private final CycladesCalls calls;

    StorageOps(CycladesCalls calls) {
        this.calls = calls;
    }

    Future<List<Entity>> list(String token) {
        return calls.get(Service.COMPUTE, VOLUMES + "/detail", token).map(json -> {
            List<Entity> out = new ArrayList<>();
            for (JsonNode v : json.path("volumes")) {
                if (!v.path("deleted").asBoolean(false) && !"deleted".equals(v.path("status").asText())) {
                    out.add(storage(v));
                }
            }
            return out;
        });
    }

    Future<Entity> get(String token, String id) {
        return volume(token, id).map(StorageOps::storage);
    }

    private Future<JsonNode> volume(String token, String id) {
        if (!id.matches("\\d{1,18}")) {
            throw new OcciException(404, "No storage resource " + id);
        }
        return calls.get(Service.COMPUTE, VOLUMES + "/" + id, token).map(json -> {
            JsonNode v = json.path("volume");
            if (v.path("deleted").asBoolean(false) || "deleted".equals(v.path("status").asText())) {
                throw new OcciException(404, "Storage resource " + id + " was deleted");
            }
            return v;
        });
    }

    static Entity storage(JsonNode v) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        String id = v.path("id").asText();
        String status = v.path("status").asText();
        attrs.put("occi.core.id", id);
        attrs.put("occi.core.title", v.path("display_name").asText(""));
        attrs.put("occi.storage.size", v.path("size").asDouble());
        attrs.put("occi.storage.state", state(status));
        attrs.put("occi.storage.state.message", status);
        // the attachment is rendered from the compute resource (the link's source), not from here
        return new Entity(Occi.STORAGE, List.of(), attrs, List.of(), List.of(), "storage/" + id);
    }

    /** online while the volume can be used (available or attached), error on error, offline in between. */
    static String state(String status) {
        return switch (status) {
            case "available", "in_use" -> "online";
            case "error", "error_deleting", "error_restoring" -> "error";
            default -> "offline";
        };
    }

    /** How a compute resource shows one of its volumes. */
    static Entity.Link storageLink(String server, String volume, String status, int deviceIndex) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("occi.core.id", server + "_" + volume);
        attrs.put("occi.storagelink.deviceid", "disk" + deviceIndex);
        attrs.put("occi.storagelink.state", "in_use".equals(status) ? "active" : "inactive");
        return new Entity.Link("storage/" + volume, Occi.STORAGE.id(), "storagelink/" + server + "_" + volume,
                List.of(Occi.STORAGELINK.id()), attrs);
    }

    /** A detachable volume of {@code occi.storage.size} GB (fractions truncated, as snf-occi did). */
    Future<String> create(String token, OcciRequest req, String project) {
        List<OcciRequest.Ref> kinds = req.ofClass("kind");
        if (kinds.size() != 1 || !kinds.get(0).id().equals(Occi.STORAGE.id())) {
            throw new OcciException(400, "Exactly one Category of kind " + Occi.STORAGE.id() + " is required");
        }
        if (!req.ofClass("mixin").isEmpty()) {
            throw new OcciException(400, "No mixin applies to storage resources");
        }
        for (String k : req.attributes().keySet()) {
            if (!List.of("occi.core.title", "occi.core.summary", "occi.storage.size").contains(k)) {
                throw new OcciException(400, "Attribute " + k + " cannot be set on a storage resource");
            }
        }
        Object size = req.attributes().get("occi.storage.size");
        if (!(size instanceof Number n) || n.doubleValue() < 1) {
            throw new OcciException(400, "occi.storage.size (GB, a number of at least 1) is required");
        }
        String title = String.valueOf(req.attributes().getOrDefault("occi.core.title", "OCCI storage"));
        return calls.get(Service.COMPUTE, "/volume/v2.0/types", token).compose(types -> {
            String type = null;
            for (JsonNode t : types.path("volume_types")) {
                if (t.path("SNF:detachable").asBoolean(false)) {
                    type = t.path("id").asText();
                    break;
                }
            }
            if (type == null) {
                throw new OcciException(503, "No detachable volume type is offered");
            }
            ObjectNode body = JSON.createObjectNode();
            ObjectNode volume = body.putObject("volume").put("size", n.longValue()).put("display_name", title)
                    .put("volume_type", Long.parseLong(type));
            if (project != null && !project.isBlank()) {
                volume.put("project", project);
            }
            return calls.call(Service.COMPUTE, HttpMethod.POST, VOLUMES, token, body)
                    .map(created -> "storage/" + created.path("volume").path("id").asText());
        });
    }

    Future<Void> delete(String token, String id) {
        return volume(token, id).compose(v -> calls.call(Service.COMPUTE, HttpMethod.DELETE, VOLUMES + "/" + id, token,
                null)).mapEmpty();
    }

    /** POST /storagelink/: attach the target storage to the source compute resource. */
    Future<String> createLink(String token, OcciRequest req) {
        List<OcciRequest.Ref> kinds = req.ofClass("kind");
        if (kinds.size() != 1 || !kinds.get(0).id().equals(Occi.STORAGELINK.id())) {
            throw new OcciException(400, "Exactly one Category of kind " + Occi.STORAGELINK.id() + " is required");
        }
        Object source = req.attributes().get("occi.core.source"), target = req.attributes().get("occi.core.target");
        if (source == null || target == null) {
            throw new OcciException(400, "occi.core.source (compute) and occi.core.target (storage) are required");
        }
        String server = ComputeOps.serverOf(String.valueOf(source));
        String volume = NetworkOps.idOf(String.valueOf(target), "storage");
        ObjectNode body = JSON.createObjectNode();
        body.putObject("volumeAttachment").put("volumeId", volume);
        return calls.call(Service.COMPUTE, HttpMethod.POST, "/compute/v2.0/servers/" + server + "/os-volume_attachments",
                token, body).map(v -> "storagelink/" + server + "_" + volume);
    }

    Future<Entity> getLink(String token, String id) {
        String[] parts = link(id);
        return Future.all(calls.get(Service.COMPUTE, "/compute/v2.0/servers/" + parts[0] + "/os-volume_attachments/"
                + parts[1], token), volume(token, parts[1])).map(all -> {
                    JsonNode v = all.resultAt(1);
                    int index = 0;
                    for (JsonNode a : v.path("attachments")) {
                        index = a.path("device_index").asInt();
                    }
                    Entity.Link l = storageLink(parts[0], parts[1], v.path("status").asText(), index);
                    Map<String, Object> attrs = new LinkedHashMap<>(l.attributes());
                    attrs.put("occi.core.source", "compute/" + parts[0]);
                    attrs.put("occi.core.target", "storage/" + parts[1]);
                    return new Entity(Occi.STORAGELINK, List.of(), attrs, List.of(), List.of(), "storagelink/" + id);
                });
    }

    Future<Void> deleteLink(String token, String id) {
        String[] parts = link(id);
        return calls.call(Service.COMPUTE, HttpMethod.DELETE, "/compute/v2.0/servers/" + parts[0]
                + "/os-volume_attachments/" + parts[1], token, null).mapEmpty();
    }

    private static String[] link(String id) {
        String[] parts = id.split("_");
        if (parts.length != 2 || !parts[0].matches("\\d{1,18}") || !parts[1].matches("\\d{1,18}")) {
            throw new OcciException(404, "No storagelink " + id);
        }
        return parts;
    }
}
