package org.nefos.network.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything a deployment of network-service may change. */
@ConfigMapping(prefix = "nefos.network")
public interface NetworkConfig {

    /** Base URL of the gateway; resource links are {@code <public-url>/network/v2.0/...}. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** Upstream's {@code API_ENABLED_NETWORK_FLAVORS}: the types users may create; others answer 403. */
    @WithDefault("MAC_FILTERED")
    List<String> enabledTypes();

    /** {@code POLL_LIMIT}: how far back {@code changes-since} may reach. */
    @WithDefault("3600s")
    java.time.Duration pollLimit();

    /** {@code GANETI_MAX_NICS_PER_INSTANCE}. */
    @WithDefault("8")
    int maxPortsPerServer();
}
