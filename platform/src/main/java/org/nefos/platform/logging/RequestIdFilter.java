package org.nefos.platform.logging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request a service serves gets its request id before any other handler runs: the caller's
 * {@code X-Request-Id} when it is sane (the gateway sends one with each request it proxies), else a new one.
 * The id goes into the logging MDC (so the service's log lines for the request, its access line included,
 * carry it), onto the response, and onto the calls made with a {@link RequestIds#propagating} client.
 * Probes and metrics ({@code /q/...}) are left alone. The gateway turns this off
 * ({@code nefos.request-ids.filter=false}): its edge filter gives ids to public requests itself.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** Ahead of the REST layer and of any other filter route. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 40;

    @ConfigProperty(name = "nefos.request-ids.filter", defaultValue = "true")
    boolean enabled;

    void install(@Observes Router router) {
        if (enabled) {
            router.route().order(ROUTE_ORDER).handler(RequestIdFilter::handle);
        }
    }

    static void handle(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && path.startsWith("/q/")) {
            ctx.next();
            return;
        }
        String id = RequestIds.accepted(ctx.request().getHeader(RequestIds.HEADER));
        RequestIds.enter(id);
        ctx.response().putHeader(RequestIds.HEADER, id);
        ctx.next();
    }
}
