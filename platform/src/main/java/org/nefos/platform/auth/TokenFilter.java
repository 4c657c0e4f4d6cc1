package org.nefos.platform.auth;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;

/**
 * Checks the token of every request to an endpoint marked {@link UserToken} or {@link ServiceToken}
 * (on the method or its class) and stores the caller in {@link AuthContext}. Endpoints with neither
 * mark are public.
 */
public class TokenFilter {

    enum Requirement {
        NONE, USER, COMPONENT
    }

    private static final Map<Method, Requirement> REQUIREMENTS = new ConcurrentHashMap<>();

    @Inject
    TokenVerifier verifier;

    @Inject
    TokenCache cache;

    @Inject
    AuthContext context;

    @ServerRequestFilter
    public Uni<Response> authenticate(ResourceInfo resource, HttpServerRequest request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return Uni.createFrom().nullItem();
        }
        Requirement requirement = REQUIREMENTS.computeIfAbsent(method,
                m -> requirementOf(m, resource.getResourceClass()));
        if (requirement == Requirement.NONE) {
            return Uni.createFrom().nullItem();
        }
        String token = Tokens.fromRequest(request);
        if (token == null) {
            return Uni.createFrom().item(
                    Faults.response(FaultException.unauthorized("Access denied. No authentication token")));
        }
        Principal.Kind kind = requirement == Requirement.USER ? Principal.Kind.USER : Principal.Kind.COMPONENT;
        Uni<Principal> principal = cache.lookup(kind, token, request.method().name(),
                () -> kind == Principal.Kind.USER ? verifier.verifyUser(token) : verifier.verifyComponent(token));
        return principal
                .invoke(p -> context.set(p, token))
                .map(p -> (Response) null)
                .onFailure(FaultException.class)
                .recoverWithItem(e -> Faults.response((FaultException) e));
    }

    static Requirement requirementOf(Method method, Class<?> type) {
        if (method.isAnnotationPresent(ServiceToken.class)) {
            return Requirement.COMPONENT;
        }
        if (method.isAnnotationPresent(UserToken.class)) {
            return Requirement.USER;
        }
        if (type != null && type.isAnnotationPresent(ServiceToken.class)) {
            return Requirement.COMPONENT;
        }
        if (type != null && type.isAnnotationPresent(UserToken.class)) {
            return Requirement.USER;
        }
        return Requirement.NONE;
    }
}
