package org.nefos.image.client;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.nefos.image.config.ImageConfig;
import org.nefos.image.domain.ObjectPath;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.logging.RequestIds;

/**
 * The Pithos API of storage-service, called with the caller's own token so that Pithos decides what the
 * caller may read and change: {@code HEAD} of an image object (existence, UUID, size, Merkle hash, version,
 * mtime) and the {@code X-Object-Sharing} update that carries an image's public flag and members. The
 * Cloudkeeper backend also creates containers (charged to a project) and streams image bytes in with a
 * {@code PUT} whose body is piped from a file or a download, never held in memory.
 */
@ApplicationScoped
public class StorageClient {

    /** What image-service needs to know about a Pithos object. */
    public record ObjectInfo(UUID uuid, long size, String hash, long version, Instant modified) {
    }

    @Inject
    Vertx vertx;

    @Inject
    ImageConfig config;

    WebClient client;

    /** The plain Vert.x client for the streaming PUT: its request body is piped with back-pressure. */
    HttpClient streaming;

    @PostConstruct
    void init() {
        client = RequestIds.propagating(WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) config.storageTimeout().toMillis()).setKeepAlive(true).setMaxPoolSize(16)));
        // an upload may run for hours; only a connection that stays silent this long is given up
        streaming = vertx.getDelegate().createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.storageTimeout().toMillis()).setKeepAlive(true)
                .setIdleTimeout(300),
                new PoolOptions().setHttp1MaxSize(8));
    }

    private String url(ObjectPath path) {
        String base = config.storageUrl().endsWith("/") ? config.storageUrl() : config.storageUrl() + "/";
        return base + "object-store/v1/" + path.apiPath();
    }

    /** The object as the caller sees it: 404 when it does not exist, 403 when the caller may not read it. */
    public Uni<ObjectInfo> head(String token, ObjectPath path) {
        return client.headAbs(url(path)).putHeader("X-Auth-Token", token)
                .timeout(config.storageTimeout().toMillis()).send()
                .onFailure().transform(StorageClient::unavailable)
                .map(r -> {
                    check(r, path);
                    try {
                        return new ObjectInfo(UUID.fromString(r.getHeader("X-Object-UUID")),
                                Long.parseLong(r.getHeader("Content-Length")), r.getHeader("X-Object-Hash"),
                                Long.parseLong(r.getHeader("X-Object-Version")), modified(r.getHeader("Last-Modified")));
                    } catch (RuntimeException e) {
                        throw new FaultException(Fault.SERVICE_UNAVAILABLE, "Storage service answered an unreadable object");
                    }
                });
    }

    /**
     * Replaces the object's read list with {@code readers} (user uuids and {@code *}); write grants are
     * dropped, as Plankton does on register. Only the object's owner may (403 otherwise).
     */
    public Uni<Void> setReaders(String token, ObjectPath path, List<String> readers) {
        String sharing = readers.isEmpty() ? "" : "read=" + String.join(",", readers);
        return client.postAbs(url(path)).addQueryParam("update", "").putHeader("X-Auth-Token", token)
                .putHeader("X-Object-Sharing", sharing).putHeader("Content-Length", "0")
                .timeout(config.storageTimeout().toMillis()).send()
                .onFailure().transform(StorageClient::unavailable)
                .map(r -> {
                    check(r, path);
                    return null;
                });
    }

    /**
     * Creates {@code container} in {@code account} charged to {@code project} (Pithos P7); on an existing
     * container the same header moves its usage to {@code project} (a no-op when it is already there).
     */
    public Uni<Void> putContainer(String token, String account, String container, String project) {
        String base = config.storageUrl().endsWith("/") ? config.storageUrl() : config.storageUrl() + "/";
        String url = base + "object-store/v1/" + ObjectPath.encode(account, false) + "/" + ObjectPath.encode(container, false);
        return client.putAbs(url).putHeader("X-Auth-Token", token).putHeader("X-Container-Policy-Project", project)
                .putHeader("Content-Length", "0").timeout(config.storageTimeout().toMillis()).send()
                .onFailure().transform(StorageClient::unavailable)
                .map(r -> {
                    check(r, new ObjectPath(account, container, "-"));
                    return null;
                });
    }

    /**
     * Streams {@code body} ({@code length} bytes) into a new object at {@code path}. The body is piped with
     * back-pressure; when it fails (or ends short) the request is reset, so storage-service commits nothing.
     * {@code body} must be paused by the caller if it could emit before this call returns.
     */
    public Uni<Void> putObject(String token, ObjectPath path, ReadStream<io.vertx.core.buffer.Buffer> body, long length,
            String contentType) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.PUT).setAbsoluteURI(url(path))
                .putHeader("X-Auth-Token", token).putHeader("Content-Type", contentType)
                .putHeader("Content-Length", Long.toString(length));
        RequestIds.addCurrent(options.getHeaders());
        Future<HttpClientResponse> sent = streaming.request(options).compose(request -> {
            Future<HttpClientResponse> response = request.response();
            // a failed body must not end the request: the reset makes storage-service drop what it received
            body.pipe().endOnFailure(false).to(request).onFailure(failure -> request.reset(0, failure));
            return response;
        });
        Future<Integer> status = sent.compose(response -> response.body().map(ignored -> response.statusCode()));
        return Uni.createFrom().completionStage(status.toCompletionStage())
                .onFailure().transform(StorageClient::unavailable)
                .map(code -> {
                    switch (code) {
                        case 201 -> {
                            return null;
                        }
                        case 401 -> throw FaultException.unauthorized("Access denied: the storage service refused the token");
                        case 403 -> throw FaultException.forbidden("Access to object " + path.location() + " denied");
                        case 404 -> throw FaultException.notFound("Container of " + path.location() + " not found");
                        case 413 -> throw new FaultException(Fault.REQUEST_ENTITY_TOO_LARGE, "Storage quota exceeded");
                        default -> throw new FaultException(Fault.SERVICE_UNAVAILABLE,
                                "Storage service refused the upload (" + code + ")");
                    }
                });
    }

    /** Deletes the object at {@code path}; one that is already gone counts as deleted. */
    public Uni<Void> deleteObject(String token, ObjectPath path) {
        return client.deleteAbs(url(path)).putHeader("X-Auth-Token", token)
                .timeout(config.storageTimeout().toMillis()).send()
                .onFailure().transform(StorageClient::unavailable)
                .map(r -> {
                    if (r.statusCode() != 404) {
                        check(r, path);
                    }
                    return null;
                });
    }

    private static void check(HttpResponse<Buffer> r, ObjectPath path) {
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        switch (status) {
            case 404 -> throw FaultException.notFound("Object " + path.location() + " not found");
            case 403 -> throw FaultException.forbidden("Access to object " + path.location() + " denied");
            case 401 -> throw FaultException.unauthorized("Access denied: the storage service refused the token");
            case 400 -> throw FaultException.badRequest(message(r, "Invalid request to the storage service"));
            default -> throw new FaultException(Fault.SERVICE_UNAVAILABLE, "Storage service unavailable");
        }
    }

    private static String message(HttpResponse<Buffer> r, String fallback) {
        try {
            JsonObject body = r.bodyAsJsonObject();
            if (body != null && !body.isEmpty()) {
                Object first = body.getValue(body.fieldNames().iterator().next());
                if (first instanceof JsonObject fault && fault.getString("message") != null) {
                    return fault.getString("message");
                }
            }
        } catch (RuntimeException unreadable) {
            // not a fault body
        }
        return fallback;
    }

    private static Instant modified(String header) {
        if (header == null) {
            return Instant.now();
        }
        try {
            return ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    private static Throwable unavailable(Throwable e) {
        return e instanceof FaultException ? e : new FaultException(Fault.SERVICE_UNAVAILABLE, "Storage service unavailable");
    }
}
