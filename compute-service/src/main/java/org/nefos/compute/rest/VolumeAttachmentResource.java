package org.nefos.compute.rest;

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
import org.nefos.compute.rest.dto.VolumeView;
import org.nefos.compute.service.VolumeService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/**
 * Volume attachments (C25–C28). The attachment id is the volume id; attach and detach answer 202 and finish
 * through a backend job (the volume shows {@code attaching}/{@code detaching} meanwhile).
 */
@Path("/compute/v2.0/servers/{id: \\d{1,18}}/os-volume_attachments")
@Produces(Wire.JSON)
@UserToken
public class VolumeAttachmentResource {

    @Inject
    VolumeService volumes;

    @Inject
    AuthContext auth;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@PathParam("id") long id) {
        return volumes.attachments(auth.principal(), id)
                .map(l -> Map.of("volumeAttachments", l.stream().map(VolumeView::attachment).toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> attach(@PathParam("id") long id, @HeaderParam("Content-Type") String type, byte[] body) {
        var attachment = Requests.object(JsonBodies.parseObject(type, body), "volumeAttachment");
        long volume = Requests.id(attachment.get("volumeId"), "Malformed request: invalid 'volumeId'");
        return volumes.attach(auth.principal(), id, volume)
                .map(v -> Wire.status(202, Map.of("volumeAttachment", VolumeView.attachment(v))));
    }

    @GET
    @Path("/{volume: \\d{1,18}}")
    public Uni<Map<String, Object>> get(@PathParam("id") long id, @PathParam("volume") long volume) {
        return volumes.attachment(auth.principal(), id, volume)
                .map(v -> Map.of("volumeAttachment", VolumeView.attachment(v)));
    }

    @DELETE
    @Path("/{volume: \\d{1,18}}")
    public Uni<Response> detach(@PathParam("id") long id, @PathParam("volume") long volume) {
        return volumes.detach(auth.principal(), id, volume).map(x -> Wire.status(202, null));
    }
}
