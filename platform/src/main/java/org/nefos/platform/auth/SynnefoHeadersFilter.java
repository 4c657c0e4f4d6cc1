package org.nefos.platform.auth;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Synnefo's API replies are never cached and vary with the token. */
public class SynnefoHeadersFilter {

    @ServerResponseFilter
    public void noCache(ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Cache-Control", "no-cache, no-store, must-revalidate, max-age=0");
        headers.putSingle("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        headers.putSingle("Vary", "X-Auth-Token");
    }
}
