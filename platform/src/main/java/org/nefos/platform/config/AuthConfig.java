package org.nefos.platform.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How services check tokens. */
@ConfigMapping(prefix = "nefos.auth")
public interface AuthConfig {

    /** Base URL of identity-service (no trailing slash), for services that do not own the tokens. */
    @WithDefault("http://127.0.0.1:8081")
    String identityUrl();

    /** How long a verified token is trusted without asking again; 0 disables the cache. */
    @WithDefault("30s")
    Duration cacheTtl();

    @WithDefault("10000")
    int cacheMaxEntries();

    @WithDefault("5s")
    Duration timeout();

    /** This component's own service token, used for calls to identity-service. */
    @WithDefault("none")
    String componentToken();
}
