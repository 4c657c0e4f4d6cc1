package org.nefos.gateway.grpc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.grpc.Status;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import oaktree.ImageOuterClass.Image;
import org.nefos.gateway.routing.Service;
import org.nefos.gateway.routing.Upstream;
import org.nefos.gateway.routing.UpstreamJson;
import org.nefos.oaktree.v1.ImageUploadHeader;

/**
 * The HTTP side of image transfer: an image's bytes are a Pithos object in the owner's account (storage-service,
 * {@code /object-store/v1}), registered in Plankton (image-service, {@code /image/v1.0/images}). Every call
 * carries the caller's token, so storage and image-service authorize it as they would a REST client.
 */
@ApplicationScoped
public class PithosImages {

    static final String DEFAULT_CONTAINER = "images";
    static final Set<String> DISK_FORMATS = Set.of("diskdump", "extdump", "ntfsdump");
    static final Set<String> CONTAINER_FORMATS = Set.of("bare", "aki", "ari", "ami", "ovf");
    private static final String PITHOS = "/object-store/v1/";
    private static final String LOCATION_SCHEME = "pithos://";

    private final Resources resources;

    @Inject
    public PithosImages(Resources resources) {
        this.resources = resources;
    }

    /** INVALID_ARGUMENT for a header Plankton or Pithos would refuse, before anything is stored. */
    static void check(ImageUploadHeader h) {
        if (h.getName().isBlank()) {
            throw GrpcErrors.invalid("header.name is required");
        }
        if (!h.getDiskFormat().isEmpty() && !DISK_FORMATS.contains(h.getDiskFormat())) {
            throw GrpcErrors.invalid("disk_format must be one of " + DISK_FORMATS);
        }
        if (!h.getContainerFormat().isEmpty() && !CONTAINER_FORMATS.contains(h.getContainerFormat())) {
            throw GrpcErrors.invalid("container_format must be one of " + CONTAINER_FORMATS);
        }
        if (h.getContainer().contains("/")) {
            throw GrpcErrors.invalid("container is one path segment");
        }
    }

    static String container(ImageUploadHeader h) {
        return h.getContainer().isEmpty() ? DEFAULT_CONTAINER : h.getContainer();
    }

    static String object(ImageUploadHeader h) {
        return h.getObject().isEmpty() ? h.getName() : h.getObject();
    }

    /** Creates the container when it is absent (Pithos answers 201, or 202 when it exists). */
    Uni<Void> ensureContainer(Caller c, String container) {
        return resources.calls().call(Service.STORAGE, HttpMethod.PUT, PITHOS + segment(c.principal().id()) + "/"
                + segment(container), c.token(), null).replaceWithVoid();
    }

    /**
     * Opens the object's PUT: with Content-Length when the size is known, chunked otherwise. The request is
     * written by the caller; storage answers once it is ended (or early, with a fault).
     */
    Uni<HttpClientRequest> openPut(Caller c, String container, String object, long size) {
        Upstream storage = resources.upstream(Service.STORAGE);
        RequestOptions options = options(storage, HttpMethod.PUT, objectPath(c, container, object), c.token())
                .putHeader("Content-Type", "application/octet-stream");
        return Uni.createFrom().completionStage(() -> resources.client().request(options).map(req -> {
            if (size > 0) {
                req.putHeader("Content-Length", Long.toString(size));
            } else {
                req.setChunked(true);
            }
            return req;
        }).toCompletionStage()).onFailure().transform(PithosImages::unreachable);
    }

    /** Registers the stored object as an image (Plankton's I3) and answers the image's id. */
    Uni<String> register(Caller c, ImageUploadHeader h, String container, String object) {
        MultiMap meta = MultiMap.caseInsensitiveMultiMap()
                .add("X-Image-Meta-Name", encode(h.getName()))
                .add("X-Image-Meta-Location", LOCATION_SCHEME + segment(c.principal().id()) + "/" + segment(container)
                        + "/" + path(object));
        if (!h.getDiskFormat().isEmpty()) {
            meta.add("X-Image-Meta-Disk-Format", h.getDiskFormat());
        }
        if (!h.getContainerFormat().isEmpty()) {
            meta.add("X-Image-Meta-Container-Format", h.getContainerFormat());
        }
        if (h.getIsPublic()) {
            meta.add("X-Image-Meta-Is-Public", "true");
        }
        h.getPropertiesMap().forEach((k, v) -> meta.add("X-Image-Meta-Property-" + encode(k), encode(v)));
        Upstream image = resources.upstream(Service.IMAGE);
        RequestOptions options = options(image, HttpMethod.POST, Resources.PLANKTON + "/", c.token())
                .putHeader("Content-Length", "0");
        options.getHeaders().addAll(meta);
        return Uni.createFrom().completionStage(() -> resources.client().request(options)
                .compose(HttpClientRequest::send).compose(PithosImages::ok).map(resp -> resp.getHeader("x-image-meta-id"))
                .toCompletionStage()).onFailure().transform(PithosImages::unreachable);
    }

    /** The image with this id as Plankton lists it for the caller. */
    Uni<Image> registered(Caller c, String id) {
        return resources.registeredImages(c).map(all -> all.stream().filter(i -> i.getId().equals(id)).findFirst()
                .orElseThrow(() -> GrpcErrors.of(Status.INTERNAL, "Image " + id + " was registered but is not listed")));
    }

    /** Removes an object whose registration failed, so that a failed upload leaves nothing behind. */
    void deleteQuietly(Caller c, String container, String object) {
        resources.calls().call(Service.STORAGE, HttpMethod.DELETE, objectPath(c, container, object), c.token(), null)
                .subscribe().with(ignored -> {
                }, failure -> io.quarkus.logging.Log.warnf("could not remove the object of a failed image upload: %s",
                        failure.getMessage()));
    }

    /** Opens the download of an image's bytes: a 200 response, paused until the caller reads it. */
    Uni<HttpClientResponse> open(Caller c, Image image) {
        String location = image.getLocationsCount() == 0 ? "" : image.getLocations(0);
        if (!location.startsWith(LOCATION_SCHEME)) {
            return Uni.createFrom().failure(GrpcErrors.of(Status.FAILED_PRECONDITION,
                    "Image " + image.getId() + " has no Pithos location"));
        }
        // Plankton's location has its three parts percent-encoded already: it is the object's path as it is
        String path = PITHOS + location.substring(LOCATION_SCHEME.length());
        Upstream storage = resources.upstream(Service.STORAGE);
        RequestOptions options = options(storage, HttpMethod.GET, path, c.token());
        return Uni.createFrom().completionStage(() -> resources.client().request(options)
                .compose(HttpClientRequest::send).map(resp -> resp.pause()).compose(PithosImages::ok)
                .toCompletionStage()).onFailure().transform(PithosImages::unreachable);
    }

    /**
     * The response when it succeeded; otherwise its Synnefo fault as the matching gRPC status (the body of a
     * fault is small JSON).
     */
    static Future<HttpClientResponse> ok(HttpClientResponse resp) {
        if (resp.statusCode() >= 200 && resp.statusCode() < 300) {
            return Future.succeededFuture(resp);
        }
        return resp.resume().body().compose(body -> {
            JsonReply reply = new JsonReply(resp.statusCode(), resp.statusMessage(), body.toString());
            return Future.failedFuture(GrpcErrors.of(GrpcErrors.forHttp(resp.statusCode()), reply.message()));
        });
    }

    /** A fault body's message, read as UpstreamJson reads JSON answers. */
    record JsonReply(int status, String reason, String body) {
        String message() {
            try {
                return new UpstreamJson.Reply(status, reason, UpstreamJson.JSON.readTree(body)).faultMessage();
            } catch (java.io.IOException | RuntimeException e) {
                return reason == null ? "request failed" : reason;
            }
        }
    }

    private RequestOptions options(Upstream upstream, HttpMethod method, String path, String token) {
        long timeout = resources.config().timeout().toMillis();
        // an idle timeout, not a total one: a large image takes as long as it takes while bytes flow
        return new RequestOptions().setMethod(method).setHost(upstream.host()).setPort(upstream.port())
                .setSsl(upstream.ssl()).setURI(upstream.target(path)).setConnectTimeout(timeout)
                .setIdleTimeout(timeout).putHeader("X-Auth-Token", token);
    }

    private static String objectPath(Caller c, String container, String object) {
        return PITHOS + segment(c.principal().id()) + "/" + segment(container) + "/" + path(object);
    }

    private static Throwable unreachable(Throwable t) {
        if (t instanceof io.grpc.StatusRuntimeException) {
            return t;
        }
        return GrpcErrors.of(Status.UNAVAILABLE, "storage or image service unavailable: " + t.getMessage());
    }

    /** An object name's path: each segment percent-encoded, the slashes between them kept. */
    private static String path(String object) {
        StringBuilder out = new StringBuilder();
        for (String part : object.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(segment(part));
        }
        return out.toString();
    }

    static String segment(String s) {
        return encode(s);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
