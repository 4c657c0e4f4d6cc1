package org.nefos.events.compute;

import java.time.Instant;
import java.util.Map;

/**
 * Work for the hypervisor backend worker: run {@code operation} (BUILD, START, SHUTDOWN, REBOOT, RESIZE,
 * DESTROY) for the server as job {@code jobId}. {@code flavor} is the flavor the instance must have
 * afterwards; {@code params} carries operation arguments (reboot type, metadata for the build).
 */
public record ServerCommand(long serverId, long jobId, String operation, String userId, String projectId,
        FlavorSpec flavor, String imageId, Map<String, String> params, long sequence, Instant requestedAt) {

    /** The machine shape of a flavor. */
    public record FlavorSpec(long id, int vcpus, int ram, int disk, String diskTemplate) {
    }
}
