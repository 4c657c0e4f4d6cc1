package org.nefos.platform.auth;

import io.smallrye.mutiny.Uni;

/**
 * Turns a token into a {@link Principal} or fails with a 401 {@link org.nefos.platform.fault.FaultException}.
 * identity-service verifies against its own tables; every other service asks identity-service.
 */
public interface TokenVerifier {

    Uni<Principal> verifyUser(String token);

    Uni<Principal> verifyComponent(String token);
}
