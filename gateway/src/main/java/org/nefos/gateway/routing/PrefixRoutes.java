package org.nefos.gateway.routing;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.logging.Log;
import org.nefos.gateway.config.GatewayConfig;

/**
 * The public URL layout (architecture.md §2): the first path segment names the owning service.
 * Segments are matched exactly, so {@code /compute} and {@code /compute/...} go to compute but
 * {@code /computex} is unknown.
 */
@Singleton
public class PrefixRoutes {

    private static final Map<String, Service> PREFIXES = Map.ofEntries(
            Map.entry("identity", Service.IDENTITY),
            Map.entry("account", Service.IDENTITY),
            Map.entry("ui", Service.IDENTITY),
            Map.entry("weblogin", Service.IDENTITY),
            Map.entry("oauth2", Service.IDENTITY),
            Map.entry("compute", Service.COMPUTE),
            Map.entry("volume", Service.COMPUTE),
            Map.entry("network", Service.NETWORK),
            Map.entry("image", Service.IMAGE),
            Map.entry("object-store", Service.STORAGE),
            Map.entry("public", Service.STORAGE));

    private final Map<Service, Upstream> upstreams = new EnumMap<>(Service.class);

    @Inject
    public PrefixRoutes(GatewayConfig config) {
        configure(Service.IDENTITY, config.identityUrl());
        configure(Service.COMPUTE, config.computeUrl());
        configure(Service.NETWORK, config.networkUrl());
        configure(Service.STORAGE, config.storageUrl());
        configure(Service.IMAGE, config.imageUrl());
    }

    private void configure(Service service, Optional<String> url) {
        url.filter(u -> !u.isBlank()).map(u -> Upstream.parse(service, u)).ifPresentOrElse(
                u -> {
                    upstreams.put(service, u);
                    Log.infof("routing %s to %s", service.displayName(), u);
                },
                () -> Log.warnf("no upstream configured for %s; its prefixes answer 503", service.displayName()));
    }

    /** The first segment of a path: {@code /compute/v2.0/servers} gives {@code compute}, {@code /} gives "". */
    public static String firstSegment(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        int start = path.charAt(0) == '/' ? 1 : 0;
        int end = path.indexOf('/', start);
        return end < 0 ? path.substring(start) : path.substring(start, end);
    }

    /** Every public first path segment the proxy routes. */
    public static java.util.Set<String> prefixes() {
        return PREFIXES.keySet();
    }

    /** The service owning a first path segment, if it is a public prefix. */
    public Optional<Service> service(String segment) {
        return Optional.ofNullable(PREFIXES.get(segment));
    }

    /** The upstream of a service, empty when the deployment did not configure one. */
    public Optional<Upstream> upstream(Service service) {
        return Optional.ofNullable(upstreams.get(service));
    }
}
