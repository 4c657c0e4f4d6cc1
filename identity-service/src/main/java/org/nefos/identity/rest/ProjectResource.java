package org.nefos.identity.rest;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.identity.domain.Application;
import org.nefos.identity.domain.Membership;
import org.nefos.identity.domain.Project;
import org.nefos.identity.service.MembershipService;
import org.nefos.identity.service.ProjectService;
import org.nefos.identity.service.Resources;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.SynnefoDates;

/** Astakos projects and memberships (identity-api.md 6-7). */
@Path("/account/v1.0/projects")
@Produces(Json.UTF8)
@UserToken
public class ProjectResource {

    @Inject
    AuthContext auth;

    @Inject
    ProjectService projects;

    @Inject
    MembershipService memberships;

    @Inject
    Resources resources;

    @GET
    public Uni<List<Map<String, Object>>> list(@QueryParam("name") String name, @QueryParam("owner") String owner,
            @QueryParam("state") String state, @QueryParam("mode") String mode) {
        return projects.list(caller(), mode, name, owner, state).map(l -> l.stream().map(this::view).toList());
    }

    @POST
    public Uni<Response> apply(@HeaderParam("Content-Type") String contentType, byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        return projects.apply(caller(), ProjectRequests.parse(request, true, resources)).map(ProjectResource::submitted);
    }

    @GET
    @Path("/memberships")
    public Uni<List<Map<String, Object>>> memberships(@QueryParam("project") String project) {
        return memberships.list(caller(), project).map(l -> l.stream().map(ProjectResource::membership).toList());
    }

    @POST
    @Path("/memberships")
    public Uni<Map<String, Object>> joinOrEnroll(@HeaderParam("Content-Type") String contentType, byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        boolean join = request.has("join");
        boolean enroll = request.has("enroll");
        if (join == enroll) {
            throw FaultException.badRequest("Malformed request: exactly one of 'join' or 'enroll' is required");
        }
        JsonNode spec = request.get(join ? "join" : "enroll");
        if (!spec.isObject()) {
            throw FaultException.badRequest("Malformed request: '" + (join ? "join" : "enroll") + "' must be an object");
        }
        JsonNode project = spec.get("project");
        if (project == null || !(project.isTextual() || project.isIntegralNumber())) {
            throw FaultException.badRequest("Malformed request: 'project' must be a project id");
        }
        Uni<Long> id;
        if (join) {
            id = memberships.join(caller(), project.asText());
        } else {
            JsonNode user = spec.get("user");
            if (user == null || !user.isTextual()) {
                throw FaultException.badRequest("Malformed request: 'user' must be an e-mail address");
            }
            id = memberships.enroll(caller(), project.asText(), user.asText());
        }
        return id.map(m -> Map.of("id", m));
    }

    @GET
    @Path("/memberships/{id}")
    public Uni<Map<String, Object>> membership(@PathParam("id") String id) {
        long membershipId = membershipId(id);
        return memberships.get(caller(), membershipId).map(ProjectResource::membership);
    }

    @POST
    @Path("/memberships/{id}/action")
    public Uni<Response> membershipAction(@PathParam("id") String id, @HeaderParam("Content-Type") String contentType,
            byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        String action = singleKey(request, List.of("accept", "reject", "cancel", "leave", "remove"));
        return memberships.act(caller(), membershipId(id), action).map(v -> Json.emptyOk());
    }

    @GET
    @Path("/{id}")
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return projects.get(caller(), id).map(this::view);
    }

    @PUT
    @Path("/{id}")
    public Uni<Response> modify(@PathParam("id") String id, @HeaderParam("Content-Type") String contentType, byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        return projects.modify(caller(), id, ProjectRequests.parse(request, false, resources)).map(ProjectResource::submitted);
    }

    @POST
    @Path("/{id}/action")
    public Uni<Response> action(@PathParam("id") String id, @HeaderParam("Content-Type") String contentType, byte[] body) {
        ObjectNode request = JsonBodies.parseObject(contentType, body);
        String action = singleKey(request, List.of("suspend", "unsuspend", "terminate", "reinstate", "approve", "deny",
                "dismiss", "cancel"));
        JsonNode args = request.get(action);
        if (!args.isObject()) {
            throw FaultException.badRequest("Malformed request: the value of '" + action + "' must be an object");
        }
        Long appId = null;
        JsonNode app = args.get("app_id");
        if (app != null && !app.isNull()) {
            if (app.isIntegralNumber() && app.canConvertToLong()) {
                appId = app.asLong();
            } else if (app.isTextual() && app.asText().matches("\\d{1,18}")) {
                appId = Long.parseLong(app.asText());
            } else {
                throw FaultException.badRequest("Malformed request: 'app_id' must be an application id");
            }
        }
        return projects.act(caller(), id, action, appId).map(v -> Json.emptyOk());
    }

    private UUID caller() {
        return UUID.fromString(auth.userId());
    }

    static Response submitted(ProjectService.Submitted s) {
        return Response.status(201).entity(Map.of("id", s.project().toString(), "application", s.application()))
                .type(Json.UTF8).build();
    }

    /** Exactly one recognised key (identity-api.md 6.7 and 7.5). */
    static String singleKey(ObjectNode request, List<String> recognised) {
        List<String> found = recognised.stream().filter(request::has).toList();
        if (found.isEmpty()) {
            throw FaultException.badRequest("No recognized action");
        }
        if (found.size() > 1 || request.size() > 1) {
            throw FaultException.badRequest("Malformed request: more than one action");
        }
        return found.get(0);
    }

    static long membershipId(String id) {
        if (!id.matches("\\d{1,18}")) {
            throw FaultException.notFound("There is no membership identified by " + id + ".");
        }
        return Long.parseLong(id);
    }

    Map<String, Object> view(ProjectService.ProjectView v) {
        Project p = v.project();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.uuid().toString());
        out.put("state", p.state());
        out.put("creation_date", SynnefoDates.format(p.created()));
        out.put("name", p.name());
        out.put("owner", p.owner() == null ? null : p.owner().toString());
        out.put("homepage", p.homepage());
        out.put("description", p.description());
        out.put("end_date", SynnefoDates.format(p.endDate()));
        out.put("join_policy", p.joinPolicy());
        out.put("leave_policy", p.leavePolicy());
        out.put("max_members", p.maxMembers());
        out.put("private", p.privateProject());
        out.put("system_project", p.systemProject());
        out.put("resources", capacities(v.resources()));
        if (v.privileged() && v.lastApplication() != null) {
            out.put("last_application", application(v.lastApplication()));
        }
        if (v.privileged() && p.deactivationDate() != null) {
            out.put("deactivation_date", SynnefoDates.format(p.deactivationDate()));
        }
        return out;
    }

    private Map<String, Object> capacities(Map<String, Application.Capacity> all) {
        Map<String, Object> out = new LinkedHashMap<>();
        all.forEach((name, c) -> {
            if (resources.find(name).map(r -> r.apiVisible()).orElse(false)) {
                out.put(name, Map.of("member_capacity", c.memberCapacity(), "project_capacity", c.projectCapacity()));
            }
        });
        return out;
    }

    private Map<String, Object> application(Application a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("state", a.state());
        out.put("name", a.name());
        out.put("owner", a.owner() == null ? null : a.owner().toString());
        out.put("applicant", a.applicant().toString());
        out.put("homepage", a.homepage());
        out.put("description", a.description());
        out.put("comments", a.comments());
        out.put("start_date", SynnefoDates.format(a.startDate()));
        out.put("end_date", SynnefoDates.format(a.endDate()));
        out.put("join_policy", a.joinPolicy());
        out.put("leave_policy", a.leavePolicy());
        out.put("max_members", a.maxMembers());
        out.put("private", a.privateProject());
        out.put("resources", capacities(a.resources()));
        return out;
    }

    static Map<String, Object> membership(MembershipService.MembershipView v) {
        Membership m = v.membership();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("user", m.person().toString());
        out.put("project", m.project().toString());
        out.put("state", m.state());
        out.putAll(m.dates());
        out.put("allowed_actions", v.allowedActions());
        return out;
    }
}
