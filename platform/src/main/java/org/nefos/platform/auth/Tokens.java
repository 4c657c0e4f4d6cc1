package org.nefos.platform.auth;

import io.vertx.core.http.HttpServerRequest;

/** Where Synnefo reads a token from: the {@code X-Auth-Token} query parameter first, then the header. */
public final class Tokens {

    public static final String HEADER = "X-Auth-Token";

    private Tokens() {
    }

    public static String fromRequest(HttpServerRequest request) {
        String fromQuery = request.getParam(HEADER);
        if (fromQuery != null && !fromQuery.isEmpty()) {
            return fromQuery;
        }
        String fromHeader = request.getHeader(HEADER);
        return fromHeader == null || fromHeader.isEmpty() ? null : fromHeader.trim();
    }
}
