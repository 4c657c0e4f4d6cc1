package org.nefos.compute.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.domain.Snapshot;
import org.nefos.compute.service.SnapshotService;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.UserToken;

/** Snapshot metadata (V20–V22). */
@Path("/volume/{version: v2(\\.0)?}/snapshots" + SnapshotResource.ID + "/metadata")
@Produces(Wire.JSON)
@UserToken
public class SnapshotMetadataResource extends BlockMetadataResource {

    @Inject
    SnapshotService snapshots;

    @Override
    Uni<Map<String, String>> read(Principal caller, String id) {
        return snapshots.get(caller, id).map(Snapshot::metadata);
    }

    @Override
    Uni<Map<String, String>> put(Principal caller, String id, Map<String, String> items, boolean replace) {
        return snapshots.putMetadata(caller, id, items, replace);
    }

    @Override
    Uni<Void> delete(Principal caller, String id, String key) {
        return snapshots.deleteMetadata(caller, id, key);
    }
}
