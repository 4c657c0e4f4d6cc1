package org.nefos.storage.streaming;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.TokenCache;
import org.nefos.platform.auth.TokenVerifier;
import org.nefos.platform.auth.Tokens;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.FaultMapper;
import org.nefos.storage.domain.PithosPath;
import org.nefos.storage.domain.PithosPath.Level;

/**
 * The Pithos API as one Vert.x route: {@code /object-store/v1/...} (token checked here, as the platform's
 * token filter only covers JAX-RS) and the anonymous {@code /public/<token>} links. Requests are paused at
 * once so object bodies are only read by the handler that streams them.
 */
@ApplicationScoped
public class PithosRoutes implements Handler<RoutingContext> {

    static final String ROOT = "/object-store/v1/";

    private static final Map<Level, String> ALLOW = Map.of(Level.TOP, "GET", Level.ACCOUNT, "HEAD,GET,POST",
            Level.CONTAINER, "HEAD,GET,PUT,POST,DELETE", Level.OBJECT, "HEAD,GET,PUT,COPY,MOVE,POST,DELETE");

    @Inject
    TokenVerifier verifier;

    @Inject
    TokenCache cache;

    @Inject
    AccountHandler accounts;

    @Inject
    ContainerHandler containers;

    @Inject
    ObjectReadHandler reads;

    @Inject
    ObjectWriteHandler writes;

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String raw = ctx.request().path();
        if (raw.startsWith("/public/")) {
            ctx.request().pause();
            Exchange ex = new Exchange(ctx);
            run(ex, () -> reads.publicObject(ex, raw.substring("/public/".length())));
            return;
        }
        if (!raw.startsWith("/object-store")) {
            ctx.next();
            return;
        }
        ctx.request().pause();
        Exchange ex = new Exchange(ctx);
        if (!raw.startsWith(ROOT)) {
            ex.fail(FaultException.badRequest(FaultMapper.ENDPOINT_NOT_FOUND));
            return;
        }
        try {
            PithosPath path = PithosPath.parse(raw.substring(ROOT.length()));
            ex.path(path);
            String allow = ALLOW.get(path.level());
            if (!allow.contains(ex.method())) {
                ex.fail(FaultException.notAllowed("Method not allowed", allow));
                return;
            }
            String token = Tokens.fromRequest(ctx.request());
            if (token == null) {
                if (path.level() == Level.TOP) {
                    run(ex, () -> accounts.legacyAuth(ex));
                } else {
                    ex.fail(FaultException.unauthorized("Access denied. No authentication token"));
                }
                return;
            }
            cache.lookup(Principal.Kind.USER, token, ex.request().method().name(), () -> verifier.verifyUser(token))
                    .subscribe().with(p -> {
                ex.authenticated(p);
                run(ex, () -> dispatch(ex));
            }, ex::fail);
        } catch (RuntimeException e) {
            ex.fail(e);
        }
    }

    private Uni<Void> dispatch(Exchange ex) {
        String m = ex.method();
        return switch (ex.path().level()) {
            case TOP -> accounts.sharingAccounts(ex);
            case ACCOUNT -> switch (m) {
                case "POST" -> accounts.post(ex);
                default -> accounts.headOrGet(ex, m.equals("GET"));
            };
            case CONTAINER -> switch (m) {
                case "PUT" -> containers.put(ex);
                case "POST" -> containers.post(ex);
                case "DELETE" -> containers.delete(ex);
                default -> containers.headOrGet(ex, m.equals("GET"));
            };
            case OBJECT -> switch (m) {
                case "HEAD", "GET" -> reads.headOrGet(ex, m.equals("GET"));
                case "PUT" -> writes.put(ex);
                case "POST" -> writes.post(ex);
                case "DELETE" -> writes.delete(ex);
                default -> writes.copyOrMove(ex, m.equals("MOVE"));
            };
        };
    }

    /** Runs a handler step; its failure (or a synchronous throw) becomes the fault reply. */
    private static void run(Exchange ex, java.util.function.Supplier<Uni<Void>> step) {
        try {
            step.get().subscribe().with(v -> {
            }, ex::fail);
        } catch (RuntimeException e) {
            ex.fail(e);
        }
    }

    static Uni<Void> uni(Future<?> f) {
        return Uni.createFrom().completionStage(f.toCompletionStage()).replaceWithVoid();
    }
}
