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

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.compute.rest.dto.SnapshotView;
import org.nefos.compute.service.SnapshotService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.json.JsonBodies;
import org.nefos.platform.json.Requests;

/** Snapshots (V14–V19; metadata in {@link SnapshotMetadataResource}). */
@Path("/volume/{version: v2(\\.0)?}/snapshots")
@Produces(Wire.JSON)
@UserToken
public class SnapshotResource {

    static final String ID = "/{id: [\\w-]{1,64}}";

    @Inject
    SnapshotService snapshots;

    @Inject
    AuthContext auth;

    @Inject
    Links links;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@QueryParam("changes-since") String since) {
        return detail(since);
    }

    @GET
    @Path("/detail{slash: /?}")
    public Uni<Map<String, Object>> detail(@QueryParam("changes-since") String since) {
        return snapshots.list(auth.principal(), ChangesSince.parse(since))
                .map(l -> Map.of("snapshots", l.stream().map(s -> SnapshotView.of(s, links)).toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> create(@HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode s = Requests.object(JsonBodies.parseObject(type, body), "snapshot");
        long volume = Requests.id(s.get("volume_id"), "Malformed request: invalid 'volume_id'");
        return snapshots.create(auth.principal(), volume, Requests.optionalString(s, "display_name"),
                Requests.optionalString(s, "display_description"), Requests.stringMap(s.get("metadata"), "metadata"))
                .map(created -> Wire.status(202, Map.of("snapshot", SnapshotView.of(created, links))));
    }

    @GET
    @Path(ID)
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return snapshots.get(auth.principal(), id).map(s -> Map.of("snapshot", SnapshotView.of(s, links)));
    }

    @PUT
    @Path(ID)
    public Uni<Map<String, Object>> update(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        ObjectNode s = Requests.object(JsonBodies.parseObject(type, body), "snapshot");
        return snapshots.update(auth.principal(), id, Requests.optionalString(s, "display_name"),
                Requests.optionalString(s, "display_description"))
                .map(updated -> Map.of("snapshot", SnapshotView.of(updated, links)));
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return snapshots.delete(auth.principal(), id).map(x -> Wire.status(202, null));
    }
}
