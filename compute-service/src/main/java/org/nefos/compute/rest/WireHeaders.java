package org.nefos.compute.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import org.nefos.platform.fault.Faults;

/**
 * Cyclades answers {@code Content-Type: application/json; charset=UTF-8} (with the space, cyclades-api.md
 * 1.4); JAX-RS normalises media types to {@code application/json;charset=UTF-8}, so the header is put back
 * the way the spec writes it just before it goes out.
 */
@ApplicationScoped
public class WireHeaders {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            rc.addHeadersEndHandler(v -> {
                String type = rc.response().headers().get("Content-Type");
                if (type != null && type.replace(" ", "").equalsIgnoreCase("application/json;charset=UTF-8")) {
                    rc.response().putHeader("Content-Type", Faults.JSON_UTF8);
                }
            });
            rc.next();
        });
    }
}
