package org.nefos.compute.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
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
import org.nefos.compute.rest.dto.VolumeView;
import org.nefos.compute.service.VolumeService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/**
 * Volumes (V1–V6, V11; their metadata in {@link VolumeMetadataResource}), mounted under {@code /volume/v2.0} and
 * {@code /volume/v2}.
 */
@Path("/volume/{version: v2(\\.0)?}/volumes")
@Produces(Wire.JSON)
@UserToken
public class VolumeResource {

    static final String ID = "/{id: \\d{1,18}}";

    @Inject
    VolumeService volumes;

    @Inject
    AuthContext auth;

    @Inject
    Links links;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@QueryParam("changes-since") String since) {
        return volumes.list(auth.principal(), ChangesSince.parse(since))
                .map(l -> Map.of("volumes", l.stream().map(v -> VolumeView.brief(v, links)).toList()));
    }

    @GET
    @Path("/detail{slash: /?}")
    public Uni<Map<String, Object>> detail(@QueryParam("changes-since") String since) {
        return volumes.list(auth.principal(), ChangesSince.parse(since))
                .map(l -> Map.of("volumes", l.stream().map(v -> VolumeView.of(v, links)).toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> create(@HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode v = Requests.object(JsonBodies.parseObject(type, body), "volume");
        int size = size(v.get("size"));
        String name = Requests.optionalString(v, "display_name");
        if (name == null) {
            throw FaultException.badRequest("Volume 'display_name' is required.");
        }
        if (has(v, "source_volid")) {
            throw FaultException.badRequest("Cloning a volume is not supported");
        }
        String image = Requests.optionalString(v, "imageRef");
        String snapshot = Requests.optionalString(v, "snapshot_id");
        if (image != null && snapshot != null) {
            throw FaultException.badRequest("Only one of 'imageRef' and 'snapshot_id' may be given.");
        }
        Long volumeType = has(v, "volume_type")
                ? Requests.id(v.get("volume_type"), "Malformed request: invalid 'volume_type'") : null;
        Long server = has(v, "server_id")
                ? Requests.id(v.get("server_id"), "Malformed request: invalid 'server_id'") : null;
        var request = new VolumeService.CreateVolume(size, name, description(v), volumeType, server, image,
                snapshot, Requests.optionalString(v, "project"), Requests.optionalBoolean(v, "shared_to_project"));
        return volumes.create(auth.principal(), request)
                .map(created -> Wire.status(202, Map.of("volume", VolumeView.brief(created, links))));
    }

    @GET
    @Path(ID)
    public Uni<Map<String, Object>> get(@PathParam("id") long id) {
        return volumes.get(auth.principal(), id).map(v -> Map.of("volume", VolumeView.of(v, links)));
    }

    @PUT
    @Path(ID)
    public Uni<Map<String, Object>> update(@PathParam("id") long id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        ObjectNode v = Requests.object(JsonBodies.parseObject(type, body), "volume");
        return volumes.update(auth.principal(), id, Requests.optionalString(v, "display_name"), description(v),
                Requests.optionalBooleanOrNull(v, "delete_on_termination"))
                .map(updated -> Map.of("volume", VolumeView.of(updated, links)));
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") long id) {
        return volumes.delete(auth.principal(), id).map(x -> Wire.status(202, null));
    }

    @POST
    @Path(ID + "/action{slash: /?}")
    public Uni<Response> action(@PathParam("id") long id, @HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode json = JsonBodies.parseObject(type, body);
        if (json.size() != 1) {
            throw FaultException.badRequest("Malformed request: exactly one action expected.");
        }
        String action = json.fieldNames().next();
        if (!"reassign".equals(action)) {
            throw FaultException.badRequest("Action " + action + " not supported.");
        }
        ObjectNode reassign = Requests.object(json, "reassign");
        String project = Requests.optionalString(reassign, "project");
        if (project == null) {
            throw FaultException.badRequest("Malformed request: 'project' is required.");
        }
        return volumes.reassign(auth.principal(), id, project, Requests.optionalBoolean(reassign, "shared_to_project"))
                .map(x -> Wire.status(200, null));
    }

    private static String description(ObjectNode v) {
        return Requests.optionalString(v, "display_description");
    }

    private static boolean has(ObjectNode o, String field) {
        return o.has(field) && !o.get(field).isNull();
    }

    /** A positive integer, as a JSON number or a numeric string. */
    private static int size(JsonNode v) {
        if (v != null && v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v != null && v.isTextual() && v.asText().matches("-?\\d{1,9}")) {
            return Integer.parseInt(v.asText());
        }
        if (v != null && (v.isIntegralNumber() || v.isTextual() && v.asText().matches("\\d+"))) {
            return Integer.MAX_VALUE;
        }
        throw FaultException.badRequest("Volume 'size' must be a positive integer.");
    }
}
