package org.nefos.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;

/**
 * The API documentation, served without any outside resource: {@code GET /openapi} (the OpenAPI 3
 * document, YAML; {@code /openapi.yaml} too), {@code GET /openapi.json} (the same as JSON) and
 * {@code GET /api-docs} (an HTML page that renders the document in the browser).
 */
@ApplicationScoped
public class ApiDocs {

    static final String YAML_RESOURCE = "api/openapi.yaml";
    static final String PAGE_RESOURCE = "api/api-docs.html";
    private static final Set<String> PATHS = Set.of("/openapi", "/openapi.yaml", "/openapi.json", "/api-docs");
    private static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 10;

    private final String yaml;
    private final String json;
    private final String page;

    public ApiDocs() {
        this.yaml = read(YAML_RESOURCE);
        try {
            this.json = new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(new YAMLMapper().readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document does not parse", e);
        }
        this.page = read(PAGE_RESOURCE);
    }

    /** The document as YAML. */
    public String yaml() {
        return yaml;
    }

    static String read(String resource) {
        try (InputStream in = ApiDocs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the gateway jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(ctx -> {
            String path = ctx.request().path();
            if (PATHS.contains(path)) {
                serve(ctx, path);
            } else {
                ctx.next();
            }
        });
    }

    private void serve(RoutingContext ctx, String path) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            FaultException fault = FaultException.notAllowed("Method not allowed", "GET, HEAD");
            ctx.response().setStatusCode(fault.status()).putHeader(HttpHeaders.CONTENT_TYPE, Faults.JSON_UTF8);
            fault.headers().forEach(ctx.response()::putHeader);
            ctx.response().end(Faults.toJson(fault));
            return;
        }
        String type;
        String body;
        switch (path) {
            case "/openapi.json" -> {
                type = "application/json; charset=UTF-8";
                body = json;
            }
            case "/api-docs" -> {
                type = "text/html; charset=UTF-8";
                body = page;
            }
            default -> {
                type = "application/yaml; charset=UTF-8";
                body = yaml;
            }
        }
        ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, type)
                .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                .putHeader("Access-Control-Allow-Origin", "*")
                .end(method == HttpMethod.HEAD ? "" : body);
    }
}
