package org.nefos.identity.rest;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.identity.domain.ProjectSpec;
import org.nefos.identity.service.ProjectService;
import org.nefos.identity.service.Resources;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;

/**
 * Nefos operator extension: {@code POST /identity/v2.0/projects} with {@code {"project": {...}}} creates
 * an approved, active project for its {@code owner} at once (demo data, tests, migrations).
 */
@Path("/identity/v2.0/projects")
@Produces(Json.UTF8)
public class AdminProjectResource {

    @Inject
    AdminGuard guard;

    @Inject
    ProjectService projects;

    @Inject
    Resources resources;

    @POST
    public Uni<Response> create(@HeaderParam("Content-Type") String contentType, byte[] body) {
        return guard.check().chain(() -> {
            JsonNode project = JsonBodies.parseObject(contentType, body).get("project");
            if (project == null || !project.isObject()) {
                throw FaultException.badRequest("Malformed request: 'project' object required");
            }
            ProjectSpec spec = ProjectRequests.parse((ObjectNode) project, true, resources);
            if (spec.owner() == null) {
                throw FaultException.badRequest("Malformed request: 'owner' is required");
            }
            UUID owner = spec.owner();
            return projects.createApproved(owner, spec);
        }).map(ProjectResource::submitted);
    }
}
