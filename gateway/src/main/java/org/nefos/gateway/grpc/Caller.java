package org.nefos.gateway.grpc;

import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import oaktree.Common.Location;
import org.nefos.gateway.edge.EdgeAuth;
import org.nefos.platform.auth.Principal;

/**
 * The verified caller of one RPC and the project it acts in. {@code Location} in a request selects where to
 * act: another cloud or region is NOT_FOUND (this endpoint fronts one of each), a project the caller is not a
 * member of is PERMISSION_DENIED, a project given by name only is INVALID_ARGUMENT (Astakos projects are ids).
 */
record Caller(String token, Principal principal, String project, boolean projectGiven) {

    static Uni<Caller> of(String token, EdgeAuth auth, Location requested, GrpcConfig config) {
        if (token == null) {
            return Uni.createFrom().failure(GrpcErrors.of(Status.UNAUTHENTICATED,
                    "No token: send it as x-auth-token metadata or authorization: Bearer <token>"));
        }
        return Uni.createFrom().deferred(() -> auth.verify(token))
                .onFailure().transform(GrpcErrors::map)
                .map(p -> {
                    if (!requested.getCloud().isEmpty() && !requested.getCloud().equals(config.cloud())) {
                        throw GrpcErrors.notFound("Unknown cloud '" + requested.getCloud() + "'; this is '"
                                + config.cloud() + "'");
                    }
                    if (!requested.getRegion().isEmpty() && !requested.getRegion().equals(config.region())) {
                        throw GrpcErrors.notFound("Unknown region '" + requested.getRegion() + "'");
                    }
                    var project = requested.getProject();
                    if (!project.getName().isEmpty() && project.getId().isEmpty()) {
                        throw GrpcErrors.invalid("Give the project by id (Astakos project uuid)");
                    }
                    String id = project.getId();
                    if (!id.isEmpty()) {
                        boolean member = id.equals(p.id()) || id.equals(p.defaultProject()) || p.projects().contains(id);
                        if (!member) {
                            throw GrpcErrors.of(Status.PERMISSION_DENIED, "Not a member of project " + id);
                        }
                        return new Caller(token, p, id, true);
                    }
                    return new Caller(token, p, p.defaultProject() != null ? p.defaultProject() : p.id(), false);
                });
    }

    /** Where region-level objects (flavors) and the caller's own objects (keypairs) are. */
    Location location(GrpcConfig config) {
        return Mapping.location(config, project);
    }
}
