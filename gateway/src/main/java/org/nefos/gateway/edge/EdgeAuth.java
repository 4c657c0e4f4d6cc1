package org.nefos.gateway.edge;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import org.nefos.gateway.config.GatewayConfig;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.TokenCache;
import org.nefos.platform.auth.TokenVerifier;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/**
 * The edge token check: a request to an authenticated prefix that carries a token is verified (via
 * the short-lived {@link TokenCache}) before it is proxied, so unknown or expired tokens never reach
 * a service. Whatever the gateway cannot judge (no token, anonymous Pithos reads, component-token
 * endpoints, identity itself) goes through and the service decides; services check tokens too.
 */
@Singleton
public class EdgeAuth {

    private final boolean enabled;
    private final TokenVerifier verifier;
    private final TokenCache cache;

    @Inject
    public EdgeAuth(GatewayConfig config, TokenVerifier verifier, TokenCache cache) {
        this(config.auth().enabled(), verifier, cache);
    }

    EdgeAuth(boolean enabled, TokenVerifier verifier, TokenCache cache) {
        this.enabled = enabled;
        this.verifier = verifier;
        this.cache = cache;
    }

    private static final java.util.List<String> USER_ACCOUNT_PATHS = java.util.List.of("/account/v1.0/quotas",
            "/account/v1.0/user_catalogs", "/account/v1.0/myaccount", "/account/v1.0/projects", "/account/v1.0/feedback");

    /** True when a request to {@code path} (first segment {@code segment}) with a token is checked here. */
    public boolean checks(String segment, String path) {
        if (!enabled) {
            return false;
        }
        return switch (segment) {
            case "compute", "volume", "network", "image", "object-store" -> true;
            // only the account API's user-token endpoints: resources is public, and commissions,
            // service_quotas, service_project_quotas and service/... take component tokens (identity checks those)
            case "account" -> USER_ACCOUNT_PATHS.stream().anyMatch(path::startsWith);
            default -> false; // identity (tokens are made there), ui, weblogin, oauth2, public links
        };
    }

    /** True when the token was verified a moment ago (a cache hit): the request may go on at once. */
    public boolean recentlyVerified(String token) {
        return cache.cached(Principal.Kind.USER, token) != null;
    }

    /** The caller, or a failure: 401 fault for a refused token, 503 fault when identity cannot answer. */
    public Uni<Principal> verify(String token) {
        return cache.get(Principal.Kind.USER, token, () -> verifier.verifyUser(token))
                .onFailure(t -> !(t instanceof FaultException))
                .transform(t -> new FaultException(Fault.SERVICE_UNAVAILABLE, "Identity service unavailable"));
    }
}
