package org.nefos.platform.logging;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.jboss.logging.MDC;

/**
 * Request ids: the {@code X-Request-Id} a request arrives with (the gateway gives every public request one) is
 * kept in the logging MDC while the request is served, so every log line a service writes for it carries the
 * id, and it is passed on with the calls the service makes to other services on the request's behalf. In
 * Quarkus the MDC lives on the request's (duplicated) Vert.x context, so it follows the request across
 * asynchronous steps and blocking workers.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    /** The MDC key; the console format prints it as {@code %X{requestId}}. */
    public static final String MDC_KEY = "requestId";

    /** Request ids we accept and pass on; anything else is replaced by a fresh one. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._~:+/=_-]{1,128}");

    private RequestIds() {
    }

    /**
     * The incoming request id when it is sane, else a new one: a random (version 4) UUID from the thread's own
     * generator. A request id only has to be unique, not unguessable, and {@code UUID.randomUUID()} takes the
     * shared SecureRandom's lock, which the event loops then contend for on every request.
     */
    public static String accepted(String incoming) {
        if (incoming != null && ACCEPTED.matcher(incoming).matches()) {
            return incoming;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xC000L << 48) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    /** The id of the request being served here, or {@code null} outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** Makes the id of the request being served (if any) the current one for log lines. */
    public static void enter(String requestId) {
        MDC.put(MDC_KEY, requestId);
    }

    /** Adds the current request id (if any) to outgoing {@code headers} that do not carry one already. */
    public static void addCurrent(MultiMap headers) {
        String id = current();
        if (id != null && !headers.contains(HEADER)) {
            headers.set(HEADER, id);
        }
    }

    /**
     * The same client, which from now on adds the current request id to every request it sends (one set on the
     * request explicitly is kept). The id is read when the request is sent, on the caller's context.
     */
    public static WebClient propagating(WebClient client) {
        ((WebClientInternal) client.getDelegate()).addInterceptor(context -> {
            if (context.phase() == ClientPhase.PREPARE_REQUEST) {
                addCurrent(context.request().headers());
            }
            context.next();
        });
        return client;
    }
}
