package org.nefos.gateway.occi;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The OCCI front end: {@code nefos.gateway.occi.*} (env NEFOS_GATEWAY_OCCI_ENABLED, ..._PATH, ...). */
@ConfigMapping(prefix = "nefos.gateway.occi")
public interface OcciConfig {

    /** Serve OCCI at all. */
    @WithDefault("true")
    boolean enabled();

    /** Where OCCI is mounted on the gateway (a path outside the Synnefo prefixes). */
    @WithDefault("/occi")
    String path();

    /** {@code occi.compute.architecture} of every compute resource (Cyclades does not record it). */
    @WithDefault("x64")
    String architecture();

    /** Largest request body accepted (renderings are small; bytes never travel through OCCI). */
    @WithDefault("262144")
    int maxBody();

    /** Timeout of each call to a Cyclades service. */
    @WithDefault("30s")
    Duration timeout();
}
