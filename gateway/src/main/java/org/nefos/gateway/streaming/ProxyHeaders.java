package org.nefos.gateway.streaming;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * Header rules of the proxy: hop-by-hop headers (RFC 9110 §7.6.1) stay on their own connection,
 * everything else passes with every value and in order.
 */
final class ProxyHeaders {

    static final String X_REQUEST_ID = "X-Request-Id";
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade");

    /** Request ids we accept from clients and pass on; anything else is replaced by a fresh one. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._~:+/=_-]{1,128}");

    private ProxyHeaders() {
    }

    /** The client's request id when it is sane, else a new one. */
    static String requestId(String incoming) {
        if (incoming != null && REQUEST_ID.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    /**
     * Headers for the upstream request: end-to-end headers of the client, without Host (the
     * upstream gets its own) and with X-Forwarded-* and X-Request-Id set by the gateway.
     */
    static MultiMap upstreamRequest(MultiMap client, String clientAddress, String scheme, String host,
            String requestId) {
        Set<String> skip = hopByHop(client);
        skip.add("host");
        skip.add("x-request-id");
        skip.add("x-forwarded-for");
        skip.add("x-forwarded-proto");
        skip.add("x-forwarded-host");
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        copy(client, out, skip);

        StringBuilder forwardedFor = new StringBuilder();
        for (String previous : client.getAll(X_FORWARDED_FOR)) {
            if (!previous.isBlank()) {
                forwardedFor.append(previous.trim()).append(", ");
            }
        }
        if (clientAddress != null) {
            forwardedFor.append(clientAddress);
        }
        if (!forwardedFor.isEmpty()) {
            out.set(X_FORWARDED_FOR, forwardedFor.toString());
        }
        out.set(X_FORWARDED_PROTO, scheme);
        if (host != null) {
            out.set(X_FORWARDED_HOST, host);
        }
        out.set(X_REQUEST_ID, requestId);
        return out;
    }

    /** Copies the upstream's end-to-end response headers; the gateway's request id replaces the upstream's. */
    static void downstreamResponse(MultiMap upstream, MultiMap response, String requestId) {
        Set<String> skip = hopByHop(upstream);
        skip.add("x-request-id");
        copy(upstream, response, skip);
        response.set(X_REQUEST_ID, requestId);
    }

    /** An HTTP/1.1 client that listed {@code close} among other Connection tokens. */
    static boolean asksToClose(HttpServerRequest request) {
        if (request.version() != HttpVersion.HTTP_1_1) {
            return false;
        }
        List<String> connection = request.headers().getAll("Connection");
        return !(connection.size() == 1 && connection.get(0).trim().equalsIgnoreCase("close"))
                && hopByHop(request.headers()).contains("close");
    }

    /** The fixed hop-by-hop names plus every header the message's Connection header names. */
    static Set<String> hopByHop(MultiMap headers) {
        Set<String> names = new HashSet<>(HOP_BY_HOP);
        for (String connection : headers.getAll("Connection")) {
            for (String token : connection.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static void copy(MultiMap from, MultiMap to, Set<String> skipLowerCase) {
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!name.startsWith(":") && !skipLowerCase.contains(name.toLowerCase(Locale.ROOT))) {
                to.add(name, header.getValue());
            }
        }
    }
}
