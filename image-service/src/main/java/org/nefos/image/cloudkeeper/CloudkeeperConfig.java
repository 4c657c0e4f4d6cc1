package org.nefos.image.cloudkeeper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * {@code nefos.image.cloudkeeper.*}: the service user the appliances belong to, the VO → project mapping,
 * where LOCAL files may be read from and how REMOTE downloads are trusted. The gRPC listener itself (port,
 * TLS, client certificates) is Quarkus' {@code quarkus.grpc.server.*}, set from the environment in
 * application.properties.
 */
public interface CloudkeeperConfig {

    /**
     * Token of the service user that owns every appliance image; without one the backend answers every
     * call with FAILED_PRECONDITION.
     */
    Optional<String> serviceToken();

    /** The VO → project mapping (voms.json / mapping.json format); re-read when it changes. */
    @WithDefault("/etc/nefos/cloudkeeper/mapping.json")
    Path mappingFile();

    /** How often the mapping file's modification time is checked. */
    @WithDefault("10s")
    Duration mappingReloadInterval();

    /** {@code public} or {@code private}: whether the appliance images are public Plankton images. */
    @WithDefault("private")
    String visibility();

    /** LOCAL images are read only from below this directory (the core's {@code image-dir}, shared). */
    @WithDefault("/var/spool/cloudkeeper/images")
    Path localDir();

    /**
     * PEM file of the certificates trusted for REMOTE downloads (the core's NGINX or its proxy); without it the
     * JVM's default trust store is used. Host names are always verified.
     */
    Optional<Path> remoteCaFile();

    /** Whether REMOTE downloads over plain {@code http://} are allowed (off: only verified TLS). */
    @WithDefault("false")
    boolean remoteAllowHttp();

    /** Longest time one image transfer may take (the core stops its NGINX when the call returns). */
    @WithDefault("3h")
    Duration transferTimeout();
}
