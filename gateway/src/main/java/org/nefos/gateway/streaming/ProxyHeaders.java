package org.nefos.gateway.streaming;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import io.vertx.core.MultiMap;
import org.nefos.gateway.edge.EdgeFilter;

/**
 * Header rules of the proxy: hop-by-hop headers (RFC 9110 §7.6.1) stay on their own connection,
 * everything else passes with every value and in order.
 */
final class ProxyHeaders {

    static final String X_REQUEST_ID = EdgeFilter.X_REQUEST_ID;
    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    /*
     * Name sets compare case-insensitively, so a header name is looked up as it came, without a lower-case copy;
     * the fixed sets are built once, and a per-message set only when a Connection header lists extra names.
     */
    private static final SortedSet<String> HOP_BY_HOP = names(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade");
    /** Not copied to the upstream request: the gateway sets these itself. */
    private static final SortedSet<String> REQUEST_SET_HERE = names(
            "host", "x-request-id", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host");
    private static final SortedSet<String> RESPONSE_SET_HERE = names("x-request-id");

    private ProxyHeaders() {
    }

    /**
     * Headers for the upstream request: end-to-end headers of the client, without Host (the
     * upstream gets its own) and with X-Forwarded-* and X-Request-Id set by the gateway.
     */
    static MultiMap upstreamRequest(MultiMap client, String clientAddress, String scheme, String host,
            String requestId) {
        Set<String> hopByHop = hopByHop(client);
        MultiMap out = MultiMap.caseInsensitiveMultiMap();
        copy(client, out, hopByHop, REQUEST_SET_HERE);

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
        copy(upstream, response, hopByHop(upstream), RESPONSE_SET_HERE);
        response.set(X_REQUEST_ID, requestId);
    }

    /** The fixed hop-by-hop names plus every header the message's Connection header names (case-insensitive). */
    static Set<String> hopByHop(MultiMap headers) {
        List<String> connections = headers.getAll("Connection");
        if (connections.isEmpty()) {
            return HOP_BY_HOP;
        }
        SortedSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.addAll(HOP_BY_HOP);
        for (String connection : connections) {
            for (String token : connection.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static void copy(MultiMap from, MultiMap to, Set<String> hopByHop, Set<String> setHere) {
        for (Map.Entry<String, String> header : from) {
            String name = header.getKey();
            if (!name.startsWith(":") && !hopByHop.contains(name) && !setHere.contains(name)) {
                to.add(name, header.getValue());
            }
        }
    }

    private static SortedSet<String> names(String... names) {
        SortedSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(List.of(names));
        return Collections.unmodifiableSortedSet(set);
    }
}
