package org.nefos.identity.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.identity.domain.Resource;
import org.nefos.identity.domain.User;
import org.nefos.identity.repository.UserRepository;
import org.nefos.identity.service.QuotaService;
import org.nefos.identity.service.Resources;
import org.nefos.identity.service.UserService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.ServiceToken;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;

/** The Astakos account API: user catalogs, default project, resources and quotas (identity-api.md 3-4). */
@Path("/account/v1.0")
@Produces(Json.UTF8)
public class AccountResource {

    @Inject
    AuthContext auth;

    @Inject
    UserService userService;

    @Inject
    UserRepository users;

    @Inject
    QuotaService quotas;

    @Inject
    Resources resources;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @POST
    @Path("/user_catalogs{slash: /?}")
    @UserToken
    public Uni<Map<String, Object>> userCatalogs(byte[] body) {
        return catalogs(body, false);
    }

    @POST
    @Path("/service/user_catalogs{slash: /?}")
    @ServiceToken
    public Uni<Map<String, Object>> serviceUserCatalogs(byte[] body) {
        return catalogs(body, true);
    }

    /** Nefos' component introspection: which component a service token belongs to (used by other services). */
    @GET
    @Path("/service/component{slash: /?}")
    @ServiceToken
    public Map<String, Object> component() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", auth.principal().id());
        out.put("expires", auth.principal().expires() == null ? null : auth.principal().expires().toString());
        return out;
    }

    @POST
    @Path("/myaccount/default_project{slash: /?}")
    @UserToken
    public Uni<Response> defaultProject(@HeaderParam("Content-Type") String contentType, byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        JsonNode project = request.get("project_id");
        String projectId = project == null || project.isNull() ? null : project.asText();
        return userService.setDefaultProject(UUID.fromString(auth.userId()), projectId).map(v -> Json.emptyOk());
    }

    @GET
    @Path("/resources{slash: /?}")
    public Map<String, Object> resources() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Resource r : resources.all()) {
            if (!r.apiVisible()) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("service", r.service());
            v.put("description", r.description());
            v.put("unit", r.unit());
            v.put("ui_visible", r.uiVisible());
            v.put("api_visible", r.apiVisible());
            out.put(r.name(), v);
        }
        return out;
    }

    @GET
    @Path("/quotas{slash: /?}")
    @UserToken
    public Uni<Map<String, Map<String, Map<String, Long>>>> quotas() {
        return quotas.quotasOf(UUID.fromString(auth.userId()));
    }

    @GET
    @Path("/service_quotas{slash: /?}")
    @ServiceToken
    public Uni<Map<String, Map<String, Map<String, Map<String, Long>>>>> serviceQuotas(@QueryParam("user") String user,
            @QueryParam("project") String project) {
        return quotas.serviceQuotas(auth.principal().id(), Json.commaList(user), Json.commaList(project));
    }

    @GET
    @Path("/service_project_quotas{slash: /?}")
    @ServiceToken
    public Uni<Map<String, Map<String, Map<String, Long>>>> serviceProjectQuotas(@QueryParam("project") String project) {
        return quotas.serviceProjectQuotas(auth.principal().id(), Json.commaList(project));
    }

    /**
     * uuid to username and back. The body is JSON whatever its content type (as upstream); names are
     * matched case-insensitively and echoed as sent. Services may pass {@code "uuids": null} for everyone.
     */
    private Uni<Map<String, Object>> catalogs(byte[] body, boolean service) {
        ObjectNode request = JsonBodies.requireObject(JsonBodies.parse(body));
        JsonNode uuidsNode = request.get("uuids");
        JsonNode namesNode = request.get("displaynames");
        boolean allUsers = service && uuidsNode != null && uuidsNode.isNull();
        List<String> uuids = uuidsNode == null || uuidsNode.isNull() ? List.of() : Json.stringList(uuidsNode, "uuids");
        List<String> names = namesNode == null ? List.of() : Json.stringList(namesNode, "displaynames");
        List<UUID> parsed = uuids.stream().map(AccountResource::uuidOrNull).filter(u -> u != null).toList();
        Uni<List<User>> byUuid = allUsers ? users.all(pool)
                : parsed.isEmpty() ? Uni.createFrom().item(List.of()) : users.findByUuids(pool, parsed);
        Uni<List<User>> byName = names.isEmpty() ? Uni.createFrom().item(List.of()) : users.findByEmails(pool, names);
        return Uni.combine().all().unis(byUuid, byName).asTuple().map(t -> {
            Map<String, String> uuidCatalog = new LinkedHashMap<>();
            for (User u : t.getItem1()) {
                uuidCatalog.put(u.uuid().toString(), u.email());
            }
            Map<String, String> emailToUuid = new LinkedHashMap<>();
            for (User u : t.getItem2()) {
                emailToUuid.put(u.email(), u.uuid().toString());
            }
            Map<String, String> nameCatalog = new LinkedHashMap<>();
            for (String name : names) {
                String uuid = emailToUuid.get(name.toLowerCase());
                if (uuid != null) {
                    nameCatalog.put(name, uuid);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("uuid_catalog", uuidCatalog);
            out.put("displayname_catalog", nameCatalog);
            return out;
        });
    }

    static UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static FaultException malformed(String what) {
        return FaultException.badRequest("Malformed request: " + what);
    }
}
