package org.nefos.identity.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.identity.domain.User;
import org.nefos.identity.service.UserService;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.SynnefoDates;

/**
 * The operator's user administration (identity-api.md 2.5), plus base quotas; guarded by {@link AdminGuard}.
 */
@Path("/identity/v2.0/users")
@Produces(Json.UTF8)
public class AdminUserResource {

    @Inject
    AdminGuard guard;

    @Inject
    UserService users;

    @GET
    public Uni<Map<String, Object>> list() {
        return admin().chain(() -> users.all()).map(all -> Map.of("users", all.stream().map(u -> view(u, false)).toList()));
    }

    @GET
    @Path("/detail")
    public Uni<Map<String, Object>> detail() {
        return admin().chain(() -> users.all()).map(all -> Map.of("users", all.stream().map(u -> view(u, true)).toList()));
    }

    @POST
    public Uni<Map<String, Object>> create(@HeaderParam("Content-Type") String contentType, byte[] body) {
        return admin().chain(() -> {
            JsonNode user = JsonBodies.parseObject(contentType, body).get("user");
            if (user == null || !user.isObject()) {
                throw FaultException.badRequest("Malformed request: 'user' object required");
            }
            UUID uuid = null;
            if (user.hasNonNull("id")) {
                uuid = AccountResource.uuidOrNull(user.get("id").asText());
                if (uuid == null) {
                    throw FaultException.badRequest("Malformed request: 'id' must be a uuid");
                }
            }
            List<String> roles = user.has("roles") ? Json.stringList(user.get("roles"), "roles") : List.of();
            return users.create(new UserService.NewUser(uuid, text(user, "username"), text(user, "first_name"),
                    text(user, "last_name"), text(user, "affiliation"), text(user, "auth_token"), roles));
        }).map(u -> {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("id", u.uuid().toString());
            created.put("auth_token", u.token());
            return Map.of("user", created);
        });
    }

    @GET
    @Path("/{uuid}")
    public Uni<Map<String, Object>> get(@PathParam("uuid") String uuid) {
        return admin().chain(() -> users.find(parse(uuid))).map(u -> Map.of("user", view(u, true)));
    }

    @POST
    @Path("/{uuid}/action")
    public Uni<Map<String, Object>> action(@PathParam("uuid") String uuid, @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        return admin().chain(() -> {
            ObjectNode action = JsonBodies.parseObject(contentType, body);
            if (action.size() != 1) {
                throw FaultException.badRequest("Malformed request: exactly one action expected");
            }
            String name = action.fieldNames().next();
            UUID id = parse(uuid);
            return switch (name) {
                case "activate" -> users.setActive(id, true, "").map(u -> Map.<String, Object>of("user",
                        Map.of("id", uuid, "is_active", u.active())));
                case "deactivate" -> users.setActive(id, false, action.get(name).path("reason").asText(""))
                        .map(u -> Map.<String, Object>of("user", Map.of("id", uuid, "is_active", u.active())));
                case "renewToken" -> users.renewToken(id).map(u -> Map.<String, Object>of("user",
                        Map.of("id", uuid, "auth_token", u.token())));
                case "signTerms" -> users.signTerms(id).map(u -> Map.<String, Object>of("user",
                        Map.of("id", uuid, "has_signed_terms", u.signedTerms())));
                default -> throw FaultException.badRequest("Unknown action " + name);
            };
        });
    }

    /** Nefos extension: {@code {"base_quotas": {"cyclades.vm": 8}}} sets the user's system-project limits. */
    @PUT
    @Path("/{uuid}/base_quotas")
    public Uni<Map<String, Object>> setBaseQuotas(@PathParam("uuid") String uuid,
            @HeaderParam("Content-Type") String contentType, byte[] body) {
        return admin().chain(() -> {
            JsonNode quotas = JsonBodies.parseObject(contentType, body).get("base_quotas");
            if (quotas == null || !quotas.isObject()) {
                throw FaultException.badRequest("Malformed request: 'base_quotas' object required");
            }
            Map<String, Long> limits = new LinkedHashMap<>();
            quotas.fields().forEachRemaining(e -> {
                if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong()) {
                    throw FaultException.badRequest("Malformed request: limit of " + e.getKey() + " must be an integer");
                }
                limits.put(e.getKey(), e.getValue().asLong());
            });
            return users.setBaseQuota(parse(uuid), limits);
        }).map(base -> Map.of("base_quotas", base));
    }

    private Uni<Void> admin() {
        return guard.check();
    }

    private static Map<String, Object> view(User u, boolean withDates) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", u.uuid().toString());
        v.put("first_name", u.firstName());
        v.put("last_name", u.lastName());
        v.put("email", u.email());
        v.put("is_active", u.active());
        v.put("is_rejected", u.rejected());
        v.put("deactivated_reason", u.deactivatedReason());
        v.put("accepted_policy", "manual");
        v.put("rejected_reason", "");
        if (withDates) {
            v.put("date_joined", SynnefoDates.format(u.createdAt()));
            v.put("moderated_at", SynnefoDates.format(u.createdAt()));
            v.put("verified_at", SynnefoDates.format(u.createdAt()));
            v.put("auth_token_expires", SynnefoDates.format(u.tokenExpires()));
        }
        v.put("roles", new ArrayList<>(u.roles()));
        v.put("authentication_methods", List.of());
        return v;
    }

    private static UUID parse(String uuid) {
        UUID id = AccountResource.uuidOrNull(uuid);
        if (id == null) {
            throw FaultException.notFound("No such user");
        }
        return id;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw FaultException.badRequest("Malformed request: '" + field + "' must be a string");
        }
        return v.asText();
    }
}
