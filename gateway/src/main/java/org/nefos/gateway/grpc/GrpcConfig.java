package org.nefos.gateway.grpc;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The end-user gRPC API's settings ({@code nefos.grpc.*}, e.g. {@code NEFOS_GRPC_CLOUD}). */
@ConfigMapping(prefix = "nefos.grpc")
public interface GrpcConfig {

    /** {@code Location.cloud} of every object: the name of this Synnefo deployment. */
    @WithDefault("nefos")
    String cloud();

    /** {@code Location.region}: the one Cyclades endpoint this gateway fronts. */
    @WithDefault("default")
    String region();

    /** Time allowed for one call to a service behind the gateway. */
    @WithDefault("30s")
    Duration timeout();

    /** Objects per List answer when the request's page_size is 0. */
    @WithDefault("100")
    int defaultPageSize();

    /** Larger page_size values are INVALID_ARGUMENT. */
    @WithDefault("1000")
    int maxPageSize();

    /** Longest WaitForServer a client may ask for. */
    @WithDefault("900s")
    Duration maxWait();

    /** WaitForServer's timeout when the request gives none and the call has no deadline. */
    @WithDefault("300s")
    Duration defaultWait();
}
