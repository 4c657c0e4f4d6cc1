package org.nefos.platform.auth;

import jakarta.enterprise.context.RequestScoped;

import org.nefos.platform.fault.FaultException;

/** The caller of the current request, set by {@link TokenFilter}. */
@RequestScoped
public class AuthContext {

    private Principal principal;
    private String token;

    void set(Principal principal, String token) {
        this.principal = principal;
        this.token = token;
    }

    public Principal principal() {
        if (principal == null) {
            throw FaultException.unauthorized("Access denied. No authentication token");
        }
        return principal;
    }

    /** The raw token of the request, for calls made on the caller's behalf. Never log it. */
    public String token() {
        principal();
        return token;
    }

    public String userId() {
        return principal().id();
    }
}
