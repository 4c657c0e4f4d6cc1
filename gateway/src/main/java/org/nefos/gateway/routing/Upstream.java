package org.nefos.gateway.routing;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where one service listens: parsed once from its configured base URL. A path in the base URL
 * ({@code http://host:8084/pithos}) is put in front of every forwarded path.
 */
public record Upstream(Service service, String host, int port, boolean ssl, String basePath) {

    public static Upstream parse(Service service, String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw invalid(service, baseUrl, e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(service, baseUrl, "scheme must be http or https");
        }
        if (uri.getHost() == null) {
            throw invalid(service, baseUrl, "no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(service, baseUrl, "a base URL has no query or fragment");
        }
        boolean ssl = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : (ssl ? 443 : 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Upstream(service, uri.getHost(), port, ssl, path);
    }

    /** The request target sent upstream: the base path followed by the client's raw path and query. */
    public String target(String rawPathAndQuery) {
        return basePath + rawPathAndQuery;
    }

    @Override
    public String toString() {
        return (ssl ? "https://" : "http://") + host + ":" + port + basePath;
    }

    private static IllegalArgumentException invalid(Service service, String url, String why) {
        return new IllegalArgumentException("Invalid base URL for " + service.displayName() + " '" + url + "': " + why);
    }
}
