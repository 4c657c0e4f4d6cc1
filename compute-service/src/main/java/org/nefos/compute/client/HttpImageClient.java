package org.nefos.compute.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.Image;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.RemoteFaults;
import org.nefos.platform.logging.RequestIds;

/**
 * The REST client of image-service's Plankton API ({@code nefos.compute.image-url}). Each request carries the end
 * user's token, so image-service decides visibility and ownership; each has a timeout. Reads (GET, HEAD) are
 * retried twice on connection failures, writes never. Plankton's faults are relayed with their status; an
 * unreachable or failing image-service is a 503.
 */
@ApplicationScoped
public class HttpImageClient implements ImageClient {

    private static final String API = "/image/v1.0/images";
    private static final String PROPERTY = "x-image-meta-property-";
    /** Glance's "replace the properties" flag on update: compute's metadata calls send the whole map. */
    private static final String PURGE_PROPS = "x-glance-registry-purge-props";
    private static final int READ_RETRIES = 2;

    private final WebClient client;
    private final String base;
    private final long timeoutMillis;

    @Inject
    public HttpImageClient(Vertx vertx, ComputeConfig config) {
        Duration timeout = config.imageTimeout();
        this.timeoutMillis = timeout.toMillis();
        String url = config.imageUrl();
        this.base = (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + API;
        this.client = RequestIds.propagating(WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(true).setMaxPoolSize(16)));
    }

    /** The detailed Plankton list, sorted by id as the compute API lists images (cyclades-api.md 2.11). */
    @Override
    public Uni<List<Image>> list(String token) {
        return read(() -> request(client.getAbs(base + "/detail"), token)).map(r -> {
            JsonArray list = expect(r, 200).bodyAsJsonObject().getJsonArray("images", new JsonArray());
            List<Image> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(PlanktonImages.fromListEntry(list.getJsonObject(i)));
            }
            out.sort(Comparator.comparing(Image::id));
            return out;
        });
    }

    /** {@code HEAD /images/{id}}: 404 (missing) and 403 (not readable) both mean invisible to compute. */
    @Override
    public Uni<Image> get(String token, String imageId) {
        return read(() -> request(client.headAbs(base + "/" + encode(imageId)), token)).map(r -> {
            if (r.statusCode() == 404 || r.statusCode() == 403) {
                return null;
            }
            return PlanktonImages.fromHeaders(expect(r, 200).headers());
        });
    }

    /** {@code PUT /images/{id}} with every property and the purge flag, so removed keys go too. */
    @Override
    public Uni<Image> setProperties(String token, String imageId, Map<String, String> properties) {
        HttpRequest<Buffer> put = request(client.putAbs(base + "/" + encode(imageId)), token)
                .putHeader(PURGE_PROPS, "true");
        properties.forEach((k, v) -> put.putHeader(PROPERTY + encode(k), encode(v)));
        return write(put.send()).map(r -> PlanktonImages.fromHeaders(expect(r, 200).headers()));
    }

    @Override
    public Uni<Void> unregister(String token, String imageId) {
        return write(request(client.deleteAbs(base + "/" + encode(imageId)), token).send()).map(r -> {
            expect(r, 204);
            return null;
        });
    }

    /** Percent-encoding as kamaki sends header values: UTF-8, {@code %20} for a space. */
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest<Buffer> request(HttpRequest<Buffer> r, String token) {
        return r.timeout(timeoutMillis).putHeader("X-Auth-Token", token).putHeader("Accept", "application/json");
    }

    /** An idempotent read: a connection failure or timeout is retried, then answered 503. */
    private static Uni<HttpResponse<Buffer>> read(Supplier<HttpRequest<Buffer>> request) {
        return Uni.createFrom().deferred(() -> request.get().send())
                .onFailure().retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(READ_RETRIES)
                .onFailure().transform(HttpImageClient::unreachable);
    }

    private static Uni<HttpResponse<Buffer>> write(Uni<HttpResponse<Buffer>> sent) {
        return sent.onFailure().transform(HttpImageClient::unreachable);
    }

    /** The response when it has the expected status; otherwise image-service's fault, relayed as is. */
    private static HttpResponse<Buffer> expect(HttpResponse<Buffer> r, int status) {
        if (r.statusCode() == status) {
            return r;
        }
        JsonObject inner = RemoteFaults.inner(r);
        String message = inner.getString("message", "Image service answered " + r.statusCode());
        String details = inner.getString("details", "");
        if (r.statusCode() >= 500 || r.statusCode() == 401) {
            // image-service failing, or refusing a token identity accepted for compute: not the user's fault
            throw new FaultException(Fault.SERVICE_UNAVAILABLE, "Image service unavailable", message);
        }
        throw new FaultException(Fault.forStatus(r.statusCode()), message, details);
    }

    private static Throwable unreachable(Throwable cause) {
        return cause instanceof FaultException ? cause
                : new FaultException(Fault.SERVICE_UNAVAILABLE, "Image service unavailable");
    }
}
