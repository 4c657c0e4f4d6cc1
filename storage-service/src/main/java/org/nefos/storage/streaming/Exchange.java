package org.nefos.storage.streaming;

import java.nio.charset.StandardCharsets;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.Faults;
import org.nefos.storage.domain.PithosPath;

/** One Pithos request on a Vert.x route: decoded parameters and headers, reply helpers, fault rendering. */
public final class Exchange {

    private static final String SAFE = "/ =,:@;\"-_.~";

    private final RoutingContext ctx;
    private Principal principal;
    private PithosPath path;

    public Exchange(RoutingContext ctx) {
        this.ctx = ctx;
    }

    public HttpServerRequest request() {
        return ctx.request();
    }

    public HttpServerResponse response() {
        return ctx.response();
    }

    public io.vertx.core.Vertx vertx() {
        return ctx.vertx();
    }

    public Principal principal() {
        return principal;
    }

    public String user() {
        return principal.id();
    }

    void authenticated(Principal p) {
        this.principal = p;
    }

    public PithosPath path() {
        return path;
    }

    void path(PithosPath p) {
        this.path = p;
    }

    public String method() {
        return request().method().name();
    }

    public String param(String name) {
        return request().getParam(name);
    }

    /** Presence-only flags ({@code hashmap}, {@code update}, {@code shared}, ...). */
    public boolean flag(String name) {
        return request().params().contains(name);
    }

    /** A non-negative base-10 integer parameter; anything else counts as absent (spec §1.7). */
    public Long integerParam(String name) {
        String v = param(name);
        if (v == null || v.isEmpty() || !v.chars().allMatch(Character::isDigit) || v.length() > 18) {
            return null;
        }
        return Long.parseLong(v);
    }

    /** A request header, percent-decoded when it contains {@code %}; null when absent (empty stays empty). */
    public String header(String name) {
        String v = request().getHeader(name);
        if (v == null) {
            return null;
        }
        return v.indexOf('%') >= 0 ? PithosPath.decode(v) : v;
    }

    /** The reply format: {@code format} parameter, path suffix, Accept header, else {@code fallback}. */
    public Format format(Format fallback) {
        String f = param("format");
        if ("json".equals(f)) {
            return Format.JSON;
        }
        if ("xml".equals(f)) {
            return Format.XML;
        }
        if (f == null) {
            String p = request().path();
            if (p.endsWith(".json")) {
                return Format.JSON;
            }
            if (p.endsWith(".xml")) {
                return Format.XML;
            }
            String accept = request().getHeader("Accept");
            if (accept != null) {
                if (accept.contains("application/json")) {
                    return Format.JSON;
                }
                if (accept.contains("application/xml")) {
                    return Format.XML;
                }
            }
        }
        return fallback;
    }

    /** The serialization of non-listing replies: JSON or XML, never text. */
    public Format replyFormat() {
        Format f = format(Format.JSON);
        return f == Format.TEXT ? Format.JSON : f;
    }

    /** Sets a reply header, percent-encoding values of {@code X-Account-/X-Container-/X-Object-/Content-} headers. */
    public Exchange header(String name, String value) {
        String lower = name.toLowerCase();
        boolean encode = lower.startsWith("x-account-") || lower.startsWith("x-container-")
                || lower.startsWith("x-object-") || lower.startsWith("content-");
        response().putHeader(encode ? quote(name, "-") : name, encode ? quote(value, SAFE) : value);
        return this;
    }

    static String quote(String value, String safe) {
        StringBuilder b = null;
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean keep = c < 0x80 && (Character.isLetterOrDigit(c) || safe.indexOf(c) >= 0);
            if (!keep && b == null) {
                b = new StringBuilder(new String(bytes, 0, i, StandardCharsets.UTF_8));
            }
            if (b != null) {
                if (keep) {
                    b.append((char) c);
                } else {
                    b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
                }
            }
        }
        return b == null ? value : b.toString();
    }

    private void common() {
        HttpServerResponse r = response();
        r.putHeader("Cache-Control", "no-cache, no-store, must-revalidate, max-age=0");
        r.putHeader("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        r.putHeader("Vary", "X-Auth-Token");
    }

    /** A bodiless reply carrying the serialization's content type. */
    public Future<Void> reply(int status) {
        return reply(status, replyFormat().contentType(), "");
    }

    public Future<Void> reply(int status, String contentType, String body) {
        common();
        response().setStatusCode(status);
        if (contentType != null) {
            response().putHeader("Content-Type", contentType);
        }
        drainRequest();
        return response().end(Buffer.buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Starts a streamed data reply: status and common headers; the caller writes the body. */
    public void begin(int status) {
        common();
        response().setStatusCode(status);
    }

    /** Renders a failure: faults as Synnefo JSON, anything else as a logged 500 (never a stack trace). */
    public void fail(Throwable t) {
        if (response().ended() || response().closed()) {
            return;
        }
        if (response().headWritten()) {
            Log.warnf("object transfer failed after the reply started: %s", t.toString());
            request().connection().close();
            return;
        }
        FaultException f;
        if (t instanceof FaultException fe) {
            f = fe;
        } else if (t.getCause() instanceof FaultException fe) {
            f = fe;
        } else {
            Log.errorf(t, "unexpected failure on %s %s", method(), request().path());
            f = new FaultException(Fault.INTERNAL_SERVER_ERROR, "Internal server error");
        }
        response().headers().clear();
        common();
        f.headers().forEach((k, v) -> response().putHeader(k, v));
        response().setStatusCode(f.status());
        boolean unread = !request().isEnded();
        if (unread) {
            response().putHeader("Connection", "close");
        }
        if (f.status() == 304) {
            drainRequest();
            response().end();
            return;
        }
        boolean xml = format(Format.JSON) == Format.XML;
        response().putHeader("Content-Type", xml ? Format.XML.contentType() : Faults.JSON_UTF8);
        drainRequest();
        response().end(xml ? xmlFault(f) : Faults.toJson(f)).onComplete(v -> {
            if (unread) {
                request().connection().close();
            }
        });
    }

    /** The XML form of a fault (spec §1.5): {@code <name code="..."><message/><details/></name>}. */
    static String xmlFault(FaultException f) {
        StringBuilder b = new StringBuilder(Listings.XML_DECLARATION);
        f.body().forEach((name, value) -> {
            java.util.Map<?, ?> inner = value instanceof java.util.Map<?, ?> m ? m : java.util.Map.of();
            Object code = inner.get("code");
            b.append('<').append(name).append(" code=\"").append(code == null ? f.status() : code).append("\">")
                    .append("<message>").append(Listings.escape(String.valueOf(inner.get("message") == null ? "" : inner.get("message"))))
                    .append("</message><details>")
                    .append(Listings.escape(String.valueOf(inner.get("details") == null ? "" : inner.get("details"))))
                    .append("</details></").append(name).append('>');
        });
        return b.toString();
    }

    /** Lets an unread request body flow (and be dropped) so the connection can be reused. */
    public void drainRequest() {
        if (!request().isEnded()) {
            request().handler(null);
            request().resume();
        }
    }
}
