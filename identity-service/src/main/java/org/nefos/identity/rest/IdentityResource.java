package org.nefos.identity.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.identity.config.IdentityConfig;
import org.nefos.identity.service.Authentication;
import org.nefos.identity.service.Catalog;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.SynnefoDates;

/** The Keystone-like identity API of Astakos (identity-api.md 2.1-2.4). */
@Path("/identity")
@Produces(Json.UTF8)
public class IdentityResource {

    static final String VERSION_UPDATED = "2014-04-17T00:00:00Z";

    @Inject
    Authentication authentication;

    @Inject
    Catalog catalog;

    @Inject
    IdentityConfig config;

    @GET
    public Map<String, Object> versions() {
        return Map.of("versions", Map.of("values", List.of(version(false))));
    }

    @GET
    @Path("/.json")
    public Map<String, Object> versionsJson() {
        return Map.of("versions", Map.of("values", List.of(version(false))));
    }

    @GET
    @Path("/v2.0{slash: /?}")
    public Map<String, Object> version() {
        return Map.of("version", version(true));
    }

    /**
     * Public mode without a body (catalog only, what astakosclient's get_endpoints does), otherwise token
     * or password authentication.
     */
    @POST
    @Path("/v2.0/tokens{slash: /?}")
    public Uni<Map<String, Object>> tokens(@HeaderParam("Content-Length") String contentLength,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        if (!hasBody(contentLength)) {
            return Uni.createFrom().item(Map.of("access", Map.of("serviceCatalog", catalog.services())));
        }
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        Credentials credentials = Credentials.from(request);
        return authentication.session(credentials.token(), "Invalid token").map(session -> {
            String uuid = session.user().uuid().toString();
            if (credentials.username() != null && !credentials.username().equals(uuid)) {
                throw FaultException.unauthorized("Invalid credentials");
            }
            if (credentials.tenant() != null && !credentials.tenant().isEmpty() && !credentials.tenant().equals(uuid)) {
                throw FaultException.badRequest("Not conforming tenantName");
            }
            Map<String, Object> token = new LinkedHashMap<>();
            token.put("id", session.user().token());
            token.put("expires", SynnefoDates.format(session.user().tokenExpires()));
            token.put("tenant", Map.of("id", session.user().defaultProject().toString(),
                    "name", session.user().displayName()));
            List<Map<String, String>> roles = new ArrayList<>();
            for (int i = 0; i < session.user().roles().size(); i++) {
                roles.add(Map.of("id", Integer.toString(i + 1), "name", session.user().roles().get(i)));
            }
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", uuid);
            user.put("name", session.user().displayName());
            user.put("roles", roles);
            user.put("roles_links", List.of());
            user.put("projects", session.projects().stream().map(Object::toString).toList());
            Map<String, Object> access = new LinkedHashMap<>();
            access.put("token", token);
            access.put("user", user);
            access.put("serviceCatalog", catalog.services());
            return Map.of("access", access);
        });
    }

    /** Validation of OAuth2 access tokens; Nefos issues none, so every token is unknown here. */
    @GET
    @Path("/v2.0/tokens/{token}")
    public Map<String, Object> validate(@PathParam("token") String token) {
        throw FaultException.notFound("Unknown access token");
    }

    private Map<String, Object> version(boolean details) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", "v2.0");
        v.put("status", "CURRENT");
        v.put("updated", VERSION_UPDATED);
        List<Map<String, String>> links = new ArrayList<>();
        links.add(Map.of("rel", "self", "href", config.publicUrl() + "/identity/v2.0/"));
        if (details) {
            links.add(Map.of("rel", "describedby", "type", "text/html", "href", "https://docs.openstack.org/"));
            v.put("media_types", List.of(Map.of("base", "application/json",
                    "type", "application/vnd.openstack.identity-v2.0+json")));
        }
        v.put("links", links);
        return v;
    }

    static boolean hasBody(String contentLength) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The two accepted shapes of the {@code auth} object. */
    record Credentials(String token, String username, String tenant) {

        static Credentials from(ObjectNode request) {
            JsonNode auth = request.get("auth");
            if (auth == null || !auth.isObject()) {
                throw FaultException.badRequest("Malformed request: missing credentials");
            }
            String tenant = auth.hasNonNull("tenantName") ? auth.get("tenantName").asText() : null;
            JsonNode token = auth.get("token");
            if (token != null && token.isObject() && token.has("id")) {
                JsonNode id = token.get("id");
                if (id.isNull()) {
                    throw FaultException.badRequest("Malformed request: missing token");
                }
                return new Credentials(id.asText(), null, tenant);
            }
            JsonNode password = auth.get("passwordCredentials");
            if (password == null || !password.isObject() || !password.hasNonNull("password")
                    || !password.hasNonNull("username")) {
                throw FaultException.badRequest("Malformed request: missing credentials");
            }
            return new Credentials(password.get("password").asText(), password.get("username").asText(), tenant);
        }
    }
}
