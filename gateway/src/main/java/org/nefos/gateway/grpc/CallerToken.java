package org.nefos.gateway.grpc;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * Takes the caller's token from the call's metadata ({@code x-auth-token}, or {@code authorization: Bearer ...})
 * into the gRPC context, where the services read it. Verification is the services' first step (asynchronous,
 * through the gateway's token cache); a call without a token fails there with UNAUTHENTICATED.
 */
@ApplicationScoped
@GlobalInterceptor
public class CallerToken implements ServerInterceptor {

    static final Metadata.Key<String> X_AUTH_TOKEN = Metadata.Key.of("x-auth-token", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> TOKEN = Context.key("nefos-token");

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        String token = token(headers);
        if (token == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(TOKEN, token), call, headers, next);
    }

    static String token(Metadata headers) {
        String token = headers.get(X_AUTH_TOKEN);
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        String auth = headers.get(AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
            return auth.substring(7).trim();
        }
        return null;
    }

    /** The token of the call being served, or null. Read it at the start of the service method. */
    static String current() {
        return TOKEN.get();
    }
}
