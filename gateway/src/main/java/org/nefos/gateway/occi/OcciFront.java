package org.nefos.gateway.occi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.nefos.gateway.config.GatewayConfig;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.UpstreamJson;

/**
 * The OCCI 1.1/1.2 front end (issue 12, spec grpc-occi-cloudkeeper.md C and D.3): parses a request in any of
 * the renderings, turns it into Cyclades REST calls made with the caller's token, and renders the answer in
 * the negotiated rendering. It keeps no state of its own.
 */
@ApplicationScoped
public class OcciFront implements Handler<RoutingContext> {

    /** Before the streaming proxy's catch-all route. */
    static final int ROUTE_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT - 10;
    private static final Pattern VERSION = Pattern.compile("OCCI/(\\d+)\\.(\\d+)");
    private static final Pattern ENTITY_PATH = Pattern.compile("/(compute|network|networklink|storage|storagelink)/([A-Za-z0-9_.-]+)");
    private static final Pattern TEMPLATE_PATH = Pattern.compile("/(os_tpl|resource_tpl)/([A-Za-z0-9_.-]*)");

    private final OcciConfig config;
    private final String mount;
    private final String root;
    private final String identityUrl;
    private final io.vertx.core.http.HttpClient client;
    private final ComputeOps compute;
    private final NetworkOps network;
    private final StorageOps storage;

    @Inject
    public OcciFront(OcciConfig config, GatewayConfig gateway, PrefixRoutes routes, Vertx vertx) {
        this.config = config;
        String path = config.path().startsWith("/") ? config.path() : "/" + config.path();
        this.mount = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String pub = gateway.publicUrl().endsWith("/") ? gateway.publicUrl().substring(0, gateway.publicUrl().length() - 1)
                : gateway.publicUrl();
        this.root = pub + mount + "/";
        this.identityUrl = pub + "/identity/v2.0";
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(16));
        CycladesCalls calls = new CycladesCalls(new UpstreamJson(client, routes, config.timeout().toMillis()));
        this.compute = new ComputeOps(calls, config.architecture());
        this.network = new NetworkOps(calls);
        this.storage = new StorageOps(calls);
    }

    void install(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        router.route(mount).order(ROUTE_ORDER).handler(this);
        router.route(mount + "/*").order(ROUTE_ORDER).handler(this);
        Log.infof("OCCI front end at %s", root);
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        long[] size = {0};
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            size[0] += chunk.length();
            if (size[0] > config.maxBody()) {
                tooLarge[0] = true;
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> {
            Rendering rendering;
            try {
                rendering = Rendering.negotiate(request.getHeader("Accept"));
            } catch (OcciException e) {
                send(ctx, Rendering.PLAIN.error(e.status(), e.getMessage()));
                return;
            }
            if (tooLarge[0]) {
                send(ctx, rendering.error(413, "Request body larger than " + config.maxBody() + " bytes"));
                return;
            }
            Future<Rendering.Output> answer;
            try {
                answer = dispatch(ctx, rendering, body);
            } catch (OcciException e) {
                answer = Future.failedFuture(e);
            } catch (RuntimeException e) {
                Log.errorf(e, "OCCI request %s %s failed", request.method(), request.path());
                answer = Future.failedFuture(new OcciException(500, "Internal error"));
            }
            answer.onComplete(ar -> {
                if (ar.succeeded()) {
                    send(ctx, ar.result());
                } else if (ar.cause() instanceof OcciException e) {
                    Rendering.Output out = rendering.error(e.status(), e.getMessage());
                    send(ctx, e.status() == 401 ? withAuthenticate(out) : out);
                } else {
                    Log.errorf(ar.cause(), "OCCI request %s %s failed", request.method(), request.path());
                    send(ctx, rendering.error(500, "Internal error"));
                }
            });
        });
    }

    private Future<Rendering.Output> dispatch(RoutingContext ctx, Rendering rendering, Buffer body) {
        HttpServerRequest request = ctx.request();
        checkVersion(request.getHeader("User-Agent"));
        String path = request.path().substring(mount.length());
        if (path.isEmpty()) {
            path = "/";
        }
        HttpMethod method = request.method();
        String token = token(request);
        if (token == null) {
            throw new OcciException(401, "Authentication required: send X-Auth-Token (a token from " + identityUrl + ")");
        }
        OcciRequest occi = parse(request, body, method);
        String action = request.getParam("action");
        if (path.equals("/-/") || path.equals("/.well-known/org/ogf/occi/-/")) {
            return switch (method.name()) {
                case "GET" -> compute.queryInterface(token, occi).map(categories -> rendering.query(categories, root));
                case "POST", "DELETE" -> throw new OcciException(501, "User-defined mixins are not supported");
                default -> throw notAllowed(method);
            };
        }
        if (path.equals("/")) {
            if (method != HttpMethod.GET) {
                throw notAllowed(method);
            }
            return Future.succeededFuture(rendering.locations(200,
                    List.of(root + "compute/", root + "network/", root + "networklink/", root + "storage/",
                            root + "storagelink/")));
        }
        if (path.equals("/compute/")) {
            return switch (method.name()) {
                case "GET" -> compute.list(token, occi).map(list -> rendering.collection(page(request, list), root));
                case "POST" -> {
                    if (action != null) {
                        throw new OcciException(501, "Actions on a whole collection are not supported");
                    }
                    yield compute.create(token, occi, request.getHeader("X-Snf-Project") != null
                            ? request.getHeader("X-Snf-Project") : request.getHeader("X-Project-Id"))
                            .map(location -> rendering.locations(201, List.of(root + location)));
                }
                default -> throw notAllowed(method);
            };
        }
        if (path.equals("/network/")) {
            return switch (method.name()) {
                case "GET" -> network.list(token).map(list -> rendering.collection(page(request, list), root));
                case "POST" -> network.create(token, occi, request.getHeader("X-Snf-Project"))
                        .map(location -> rendering.locations(201, List.of(root + location)));
                default -> throw notAllowed(method);
            };
        }
        if (path.equals("/networklink/")) {
            return switch (method.name()) {
                case "GET" -> network.links(token).map(list -> rendering.locations(200,
                        list.stream().map(l -> root + l).toList()));
                case "POST" -> network.createLink(token, occi, root)
                        .map(location -> rendering.locations(201, List.of(root + location)));
                default -> throw notAllowed(method);
            };
        }
        if (path.equals("/storage/")) {
            return switch (method.name()) {
                case "GET" -> storage.list(token).map(list -> rendering.collection(page(request, list), root));
                case "POST" -> storage.create(token, occi, request.getHeader("X-Snf-Project"))
                        .map(location -> rendering.locations(201, List.of(root + location)));
                default -> throw notAllowed(method);
            };
        }
        if (path.equals("/storagelink/")) {
            if (method != HttpMethod.POST) {
                throw notAllowed(method);
            }
            return storage.createLink(token, occi).map(location -> rendering.locations(201, List.of(root + location)));
        }
        Matcher tpl = TEMPLATE_PATH.matcher(path);
        if (tpl.matches()) {
            if (method != HttpMethod.GET) {
                throw notAllowed(method);
            }
            return compute.members(token, tpl.group(1), tpl.group(2)).map(list -> rendering.collection(list, root));
        }
        Matcher m = ENTITY_PATH.matcher(path);
        if (!m.matches()) {
            throw new OcciException(404, "Nothing at " + request.path());
        }
        String id = m.group(2);
        return switch (m.group(1)) {
            case "compute" -> switch (method.name()) {
                case "GET" -> compute.get(token, id).map(e -> rendering.entity(e, root));
                case "POST" -> action != null
                        ? compute.action(token, id, action, occi).map(v -> rendering.ok())
                        : compute.update(token, id, occi).map(e -> rendering.entity(e, root));
                case "DELETE" -> compute.delete(token, id).map(v -> rendering.ok());
                default -> throw notAllowed(method);
            };
            case "network" -> switch (method.name()) {
                case "GET" -> network.get(token, id).map(e -> rendering.entity(e, root));
                case "DELETE" -> network.delete(token, id).map(v -> rendering.ok());
                case "POST" -> throw new OcciException(action != null ? 501 : 400, action != null
                        ? "Network actions are not supported by Cyclades" : "Networks cannot be updated");
                default -> throw notAllowed(method);
            };
            case "storage" -> switch (method.name()) {
                case "GET" -> storage.get(token, id).map(e -> rendering.entity(e, root));
                case "DELETE" -> storage.delete(token, id).map(v -> rendering.ok());
                case "POST" -> throw new OcciException(action != null ? 501 : 400, action != null
                        ? "Storage actions (backup, snapshot, resize) are not offered" : "Storage cannot be updated");
                default -> throw notAllowed(method);
            };
            case "storagelink" -> switch (method.name()) {
                case "GET" -> storage.getLink(token, id).map(e -> rendering.entity(e, root));
                case "DELETE" -> storage.deleteLink(token, id).map(v -> rendering.ok());
                default -> throw notAllowed(method);
            };
            default -> switch (method.name()) {
                case "GET" -> network.getLink(token, id).map(e -> rendering.entity(e, root));
                case "DELETE" -> network.deleteLink(token, id).map(v -> rendering.ok());
                case "POST", "PUT" -> network.updateLink(token, id, occi, root).map(e -> rendering.entity(e, root));
                default -> throw notAllowed(method);
            };
        };
    }

    /** The request in whichever rendering it came: JSON body, text/plain body, or text/occi headers. */
    static OcciRequest parse(HttpServerRequest request, Buffer body, HttpMethod method) {
        String type = request.getHeader("Content-Type");
        String media = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        boolean hasBody = body.length() > 0;
        if (media.equals("application/occi+json") || media.equals("application/json")) {
            if (!hasBody) {
                throw new OcciException(400, "Empty JSON body");
            }
            return OcciRequest.fromJson(body.getBytes());
        }
        if (media.equals("text/plain") || media.equals("text/occi+plain")) {
            OcciRequest fromBody = OcciRequest.fromPlainBody(body.toString(StandardCharsets.UTF_8));
            return fromBody;
        }
        if (media.isEmpty() || media.equals("text/occi")) {
            if (hasBody && media.isEmpty() && method != HttpMethod.GET) {
                throw new OcciException(400, "A request with a body must say its Content-Type");
            }
            List<Map.Entry<String, String>> lines = new ArrayList<>();
            for (String name : List.of("Category", "X-OCCI-Attribute", "Link", "X-OCCI-Location")) {
                for (String v : request.headers().getAll(name)) {
                    lines.add(Map.entry(name, v));
                }
            }
            return OcciRequest.fromLines(lines);
        }
        throw new OcciException(400, "Unsupported Content-Type " + type
                + " (text/occi, text/plain or application/occi+json)");
    }

    static final int MAX_PAGE = 1000;

    /** OCCI 1.2 pagination: {@code page} (from 1) of {@code number} members; too large a page is a 413. */
    static <T> List<T> page(HttpServerRequest request, List<T> all) {
        String page = request.getParam("page"), number = request.getParam("number");
        if (page == null && number == null) {
            return all;
        }
        int p = positive(page, 1, "page"), n = positive(number, MAX_PAGE, "number");
        if (n > MAX_PAGE) {
            throw new OcciException(413, "number must not exceed " + MAX_PAGE);
        }
        long from = (long) (p - 1) * n;
        return from >= all.size() ? List.of() : all.subList((int) from, (int) Math.min(all.size(), from + n));
    }

    private static int positive(String value, int otherwise, String name) {
        if (value == null) {
            return otherwise;
        }
        try {
            int v = Integer.parseInt(value);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // falls through to the 400
        }
        throw new OcciException(400, name + " must be a positive integer");
    }

    static void checkVersion(String userAgent) {
        if (userAgent == null) {
            return;
        }
        Matcher v = VERSION.matcher(userAgent);
        if (v.find()) {
            int major = Integer.parseInt(v.group(1)), minor = Integer.parseInt(v.group(2));
            if (major != 1 || minor > 2) {
                throw new OcciException(501, "OCCI/" + major + "." + minor + " is not supported (OCCI/1.1 and OCCI/1.2 are)");
            }
        }
    }

    static String token(HttpServerRequest request) {
        String token = request.getHeader("X-Auth-Token");
        if (token != null && !token.isBlank()) {
            return token.trim();
        }
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7) {
            return auth.substring(7).trim();
        }
        return null;
    }

    private static OcciException notAllowed(HttpMethod method) {
        return new OcciException(405, "Method " + method.name() + " is not allowed here");
    }

    private Rendering.Output withAuthenticate(Rendering.Output out) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(out.headers());
        headers.add(Map.entry("WWW-Authenticate", "Keystone uri='" + identityUrl + "'"));
        return new Rendering.Output(out.status(), headers, out.contentType(), out.body());
    }

    private static void send(RoutingContext ctx, Rendering.Output out) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        String ua = ctx.request().getHeader("User-Agent");
        String version = ua != null && ua.contains("OCCI/1.1") ? "OCCI/1.1" : "OCCI/1.2";
        response.setStatusCode(out.status()).putHeader("Server", "nefos " + version)
                .putHeader("Content-Type", out.contentType() + (out.contentType().startsWith("text/") ? "; charset=utf-8" : ""));
        out.headers().forEach(h -> response.headers().add(h.getKey(), h.getValue()));
        response.end(out.body());
    }
}
