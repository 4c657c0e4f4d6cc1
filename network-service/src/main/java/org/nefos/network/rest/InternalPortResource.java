package org.nefos.network.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.network.service.PortService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/**
 * What compute needs beyond the public network API: attaching a user's existing port to a new server (server
 * create with {@code networks: [{"port": id}]}) and detaching it again when that create fails. Not under a public
 * prefix, so the gateway never routes it; it still takes the end user's token and applies the port rules.
 */
@Path("/internal/v1/ports")
@Produces(Views.JSON)
@UserToken
public class InternalPortResource {

    @Inject
    PortService ports;

    @Inject
    AuthContext auth;

    @Inject
    Views views;

    /** Body {@code {"device_id": "<server id>"}}, or {@code null} to detach; 200 with the port. */
    @POST
    @Path("/{id}/attach")
    public Uni<Map<String, Object>> attach(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        long portId = Requests.pathId(id, "Port");
        ObjectNode b = JsonBodies.parseObject(type, body);
        JsonNode d = b.get("device_id");
        Long deviceId = d == null || d.isNull() ? null : Requests.id(d, "Malformed request: invalid 'device_id'");
        return ports.attach(auth.principal(), portId, deviceId).map(p -> Map.of("port", views.port(p)));
    }
}
