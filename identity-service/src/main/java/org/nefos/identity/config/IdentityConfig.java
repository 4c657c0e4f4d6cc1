package org.nefos.identity.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** identity-service settings; every key can also be set from the environment (NEFOS_IDENTITY_...). */
@ConfigMapping(prefix = "nefos.identity")
public interface IdentityConfig {

    /** The public base URL (the gateway) every catalog URL is built from, without trailing slash. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** Lifetime of a new or renewed user token (Astakos: 720 h). */
    @WithDefault("720h")
    Duration tokenLifetime();

    /** Token of the operator's admin API ({@code /identity/v2.0/users}); unset disables it. */
    Optional<String> adminToken();

    /** Service tokens per component ({@code astakos}, {@code cyclades}, {@code pithos}); applied at start-up. */
    Map<String, String> componentTokens();

    /** System-project (base) quota per resource for new users, overriding the built-in defaults. */
    Map<String, Long> baseQuota();

    /** Users allowed to administer projects (Astakos' ASTAKOS_PROJECT_ADMINS). */
    Optional<List<String>> projectAdmins();

    /** A user created at start-up when absent (the local run's demo user). */
    Seed seed();

    interface Seed {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("11111111-2222-4333-8444-555555555555")
        String uuid();

        @WithDefault("demo@nefos.local")
        String email();

        @WithDefault("Demo")
        String firstName();

        @WithDefault("User")
        String lastName();

        /** The demo token; unset generates one. */
        Optional<String> token();
    }
}
