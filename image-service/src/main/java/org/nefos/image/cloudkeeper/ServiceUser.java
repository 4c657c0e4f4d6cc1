package org.nefos.image.cloudkeeper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.nefos.image.cloudkeeper.CloudkeeperErrors.Kind;
import org.nefos.image.config.ImageConfig;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.TokenCache;
import org.nefos.platform.auth.TokenVerifier;
import org.nefos.platform.fault.FaultException;

/**
 * The user every appliance image belongs to, known by its configured token (a Synnefo user token); its
 * uuid comes from identity-service through the platform's token cache, like any caller's.
 */
@ApplicationScoped
public class ServiceUser {

    /** The configured user: uuid and the token storage-service and image-service accept for it. */
    public record Identity(String uuid, String token) {
    }

    @Inject
    ImageConfig config;

    @Inject
    TokenVerifier verifier;

    @Inject
    TokenCache cache;

    public boolean configured() {
        return config.cloudkeeper().serviceToken().filter(t -> !t.isBlank()).isPresent();
    }

    /** Fails with Unauthenticated when identity-service refuses the token, InvalidResourceState without one. */
    public Uni<Identity> identity() {
        if (!configured()) {
            return Uni.createFrom().failure(CloudkeeperErrors.error(Kind.INVALID_RESOURCE_STATE,
                    "the Cloudkeeper backend has no service user (nefos.image.cloudkeeper.service-token)"));
        }
        String token = config.cloudkeeper().serviceToken().get().trim();
        return cache.get(Principal.Kind.USER, token, () -> verifier.verifyUser(token))
                .onFailure(FaultException.class).transform(e -> ((FaultException) e).status() == 401
                        ? CloudkeeperErrors.error(Kind.UNAUTHENTICATED, "identity-service refused the service user's token")
                        : CloudkeeperErrors.error(Kind.FAILED_RESOURCE_RETRIEVAL, "identity-service is unavailable"))
                .map(p -> new Identity(p.id(), token));
    }
}
