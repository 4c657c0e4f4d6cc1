package org.nefos.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request limits enforced on JSON routes (object bytes travel on streaming routes, not through these). */
@ConfigMapping(prefix = "nefos.http")
public interface HttpLimitsConfig {

    /** Largest JSON request body accepted, in bytes. */
    @WithDefault("1048576")
    long maxJsonBody();
}
