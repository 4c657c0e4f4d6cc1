package org.nefos.image.cloudkeeper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.health.api.HealthGroup;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code /q/health/group/cloudkeeper}: whether the backend can serve a sync (a service user is configured
 * and the mapping file is in force). A separate group, so a broken mapping file never takes Plankton's REST
 * API out of the readiness rotation; the gRPC server's own {@code grpc.health.v1} service reports it is up.
 */
@HealthGroup("cloudkeeper")
@ApplicationScoped
public class CloudkeeperHealth implements HealthCheck {

    @Inject
    ServiceUser serviceUser;

    @Inject
    VoMapping mapping;

    @Override
    public HealthCheckResponse call() {
        String problem = mapping.problem();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("cloudkeeper")
                .withData("service-user", serviceUser.configured())
                .withData("mapped-vos", mapping.all().size());
        if (!serviceUser.configured()) {
            return b.down().withData("problem", "no service token configured").build();
        }
        if (problem != null) {
            return b.down().withData("problem", problem).build();
        }
        return b.up().build();
    }
}
