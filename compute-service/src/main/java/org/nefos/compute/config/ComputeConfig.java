package org.nefos.compute.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Everything a deployment of compute-service may change. */
@ConfigMapping(prefix = "nefos.compute")
public interface ComputeConfig {

    /** Base URL of the gateway; resource links are {@code <public-url>/compute/v2.0/...}. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** {@code SNF:fqdn} template; {@code %d} is the server id. */
    @WithDefault("snf-%d.vm.nefos.local")
    String fqdnTemplate();

    @WithDefault("10")
    int maxMetadata();

    @WithDefault("50")
    int maxTags();

    @WithDefault("10")
    int maxKeypairs();

    /** How far back {@code changes-since} may reach. */
    @WithDefault("3600s")
    Duration pollLimit();

    /** network-service's internal base URL (not the gateway's): ports of server create, floating IPs. */
    @WithDefault("http://127.0.0.1:8083")
    String networkUrl();

    @WithDefault("5s")
    Duration networkTimeout();

    /** image-service's internal base URL (Plankton): the image view and image checks at create. */
    @WithDefault("http://127.0.0.1:8085")
    String imageUrl();

    @WithDefault("5s")
    Duration imageTimeout();

    Backend backend();

    Reconcile reconcile();

    Console console();

    interface Backend {
        @WithDefault("0.5s")
        Duration buildDuration();

        @WithDefault("0.3s")
        Duration bootDuration();

        @WithDefault("0.3s")
        Duration shutdownDuration();

        /** How long a disk job (attach, detach, delete, snapshot) takes. */
        @WithDefault("0.3s")
        Duration volumeDuration();

        /** A build fails when the server metadata has this key (failure injection). */
        @WithDefault("nefos:fail-build")
        String failBuildKey();

        /** A build never ends when the server metadata has this key (for the reconciler). */
        @WithDefault("nefos:hang-build")
        String hangBuildKey();
    }

    interface Reconcile {
        @WithDefault("5s")
        Duration interval();

        /** A backend job not finished after this long is failed by the reconciler. */
        @WithDefault("120s")
        Duration deadline();
    }

    interface Console {
        /** Host clients reach the simulated VNC endpoint on. */
        @WithDefault("127.0.0.1")
        String host();

        /** 0 picks a free port. */
        @WithDefault("0")
        int port();
    }
}
