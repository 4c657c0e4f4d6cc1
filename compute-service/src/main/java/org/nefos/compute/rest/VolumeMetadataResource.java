package org.nefos.compute.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.service.VolumeService;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.UserToken;

/** Volume metadata (V7–V10). */
@Path("/volume/{version: v2(\\.0)?}/volumes" + VolumeResource.ID + "/metadata")
@Produces(Wire.JSON)
@UserToken
public class VolumeMetadataResource extends BlockMetadataResource {

    @Inject
    VolumeService volumes;

    @Override
    Uni<Map<String, String>> read(Principal caller, String id) {
        return volumes.metadata(caller, Long.parseLong(id));
    }

    @Override
    Uni<Map<String, String>> put(Principal caller, String id, Map<String, String> items, boolean replace) {
        return volumes.putMetadata(caller, Long.parseLong(id), items, replace);
    }

    @Override
    Uni<Void> delete(Principal caller, String id, String key) {
        return volumes.deleteMetadata(caller, Long.parseLong(id), key);
    }
}
