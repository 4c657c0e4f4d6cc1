package org.nefos.image.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import org.nefos.image.cloudkeeper.CloudkeeperConfig;
import io.smallrye.config.WithDefault;

/** Everything a deployment of image-service may change. */
@ConfigMapping(prefix = "nefos.image")
public interface ImageConfig {

    /** Base URL of the gateway; the version document links to {@code <public-url>/image/v1.0/}. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** storage-service (Pithos), asked with the caller's own token about the image objects. */
    @WithDefault("http://127.0.0.1:8084")
    String storageUrl();

    /** Timeout of one call to storage-service. */
    @WithDefault("10s")
    Duration storageTimeout();

    /** The Cloudkeeper backend (docs/cloudkeeper.md). */
    CloudkeeperConfig cloudkeeper();
}
