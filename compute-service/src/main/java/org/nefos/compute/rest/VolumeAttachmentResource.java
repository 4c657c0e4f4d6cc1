package org.nefos.compute.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import org.nefos.platform.json.Requests;
import org.nefos.compute.service.ServerService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;

/**
 * Volume attachments (C25–C28). Volumes arrive with the block storage issue; until then a server has no
 * volumes, so the list is empty and every volume id is unknown (400, as upstream answers).
 */
@Path("/compute/v2.0/servers/{id: \\d{1,18}}/os-volume_attachments")
@Produces(Wire.JSON)
@UserToken
public class VolumeAttachmentResource {

    @Inject
    ServerService servers;

    @Inject
    AuthContext auth;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@PathParam("id") long id) {
        return servers.get(auth.principal(), id).map(s -> Map.of("volumeAttachments", List.of()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> attach(@PathParam("id") long id, @HeaderParam("Content-Type") String type, byte[] body) {
        var attachment = Requests.object(JsonBodies.parseObject(type, body), "volumeAttachment");
        long volume = Requests.id(attachment.get("volumeId"), "Malformed request: invalid 'volumeId'");
        return servers.get(auth.principal(), id).map(s -> {
            throw FaultException.badRequest("Volume " + volume + " not found.");
        });
    }

    @GET
    @Path("/{volume: \\d{1,18}}")
    public Uni<Map<String, Object>> get(@PathParam("id") long id, @PathParam("volume") long volume) {
        return servers.get(auth.principal(), id).map(s -> {
            throw FaultException.badRequest("Volume " + volume + " is not attached to server " + id + ".");
        });
    }

    @DELETE
    @Path("/{volume: \\d{1,18}}")
    public Uni<Response> detach(@PathParam("id") long id, @PathParam("volume") long volume) {
        return servers.get(auth.principal(), id).map(s -> {
            throw FaultException.badRequest("Volume " + volume + " is not attached to server " + id + ".");
        });
    }
}
