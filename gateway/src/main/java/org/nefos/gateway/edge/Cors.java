package org.nefos.gateway.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.vertx.core.MultiMap;

/**
 * CORS for browser frontends. Preflights from allowed origins are answered by the gateway; every
 * other response to an allowed origin gets {@code Access-Control-Allow-Origin} and lists the
 * Pithos/Plankton headers it carries as exposed (the header does not take name patterns).
 */
public final class Cors {

    public static final String METHODS = "GET, HEAD, POST, PUT, DELETE, PATCH, COPY, MOVE, OPTIONS";

    private static final Set<String> ALLOWED_HEADERS = Set.of("x-auth-token", "content-type", "range",
            "accept", "accept-language", "content-language", "content-encoding", "content-disposition",
            "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "if-range",
            "destination", "x-copy-from", "x-move-from", "x-source-account", "x-source-version",
            "x-object-manifest", "x-request-id", "transfer-encoding", "etag");
    private static final List<String> ALLOWED_HEADER_PREFIXES = List.of("x-object-", "x-container-",
            "x-account-", "x-image-meta-", "x-image-meta-property-");
    private static final Set<String> EXPOSED = Set.of("etag", "content-range", "content-length",
            "content-type", "content-disposition", "content-encoding", "accept-ranges", "last-modified",
            "retry-after", "x-request-id", "x-timestamp", "location");
    private static final List<String> EXPOSED_PREFIXES = List.of("x-object-", "x-container-", "x-account-",
            "x-image-meta-");

    private final Set<String> origins;
    private final boolean anyOrigin;
    private final String maxAgeSeconds;

    public Cors(List<String> origins, Duration maxAge) {
        this.origins = origins.stream().map(String::trim).filter(o -> !o.isEmpty())
                .map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.anyOrigin = this.origins.contains("*");
        this.maxAgeSeconds = Long.toString(maxAge.toSeconds());
    }

    public boolean enabled() {
        return !origins.isEmpty();
    }

    public boolean allows(String origin) {
        return origin != null && enabled() && (anyOrigin || origins.contains(origin.toLowerCase(Locale.ROOT)));
    }

    /** The headers answering a preflight from an allowed origin. */
    public void preflight(String origin, String requestedHeaders, MultiMap out) {
        allowOrigin(origin, out);
        out.set("Access-Control-Allow-Methods", METHODS);
        List<String> allowed = new ArrayList<>();
        if (requestedHeaders != null) {
            for (String h : requestedHeaders.split(",")) {
                String name = h.trim();
                if (!name.isEmpty() && headerAllowed(name)) {
                    allowed.add(name);
                }
            }
        }
        if (allowed.isEmpty()) {
            allowed.add("X-Auth-Token");
            allowed.add("Content-Type");
            allowed.add("Range");
        }
        out.set("Access-Control-Allow-Headers", String.join(", ", allowed));
        out.set("Access-Control-Max-Age", maxAgeSeconds);
    }

    /** Sets the CORS headers of an actual response, replacing whatever the upstream said. */
    public void response(String origin, MultiMap out) {
        List<String> upstreamCors = out.names().stream()
                .filter(n -> n.toLowerCase(Locale.ROOT).startsWith("access-control-")).toList();
        upstreamCors.forEach(out::remove);
        allowOrigin(origin, out);
        List<String> exposed = out.names().stream().filter(Cors::exposed).distinct().toList();
        if (!exposed.isEmpty()) {
            out.set("Access-Control-Expose-Headers", String.join(", ", exposed));
        }
    }

    static boolean headerAllowed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ALLOWED_HEADERS.contains(lower) || ALLOWED_HEADER_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    static boolean exposed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return EXPOSED.contains(lower) || EXPOSED_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    private void allowOrigin(String origin, MultiMap out) {
        out.set("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
        if (!anyOrigin) {
            out.add("Vary", "Origin");
        }
    }
}
