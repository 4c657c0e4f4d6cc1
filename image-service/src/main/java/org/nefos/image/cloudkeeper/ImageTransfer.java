package org.nefos.image.cloudkeeper;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Future;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mutiny.core.Vertx;
import org.nefos.image.client.StorageClient;
import org.nefos.image.cloudkeeper.CloudkeeperErrors.CloudkeeperException;
import org.nefos.image.cloudkeeper.CloudkeeperErrors.Kind;
import org.nefos.image.cloudkeeper.grpc.Image;
import org.nefos.image.config.ImageConfig;
import org.nefos.image.domain.ObjectPath;

/**
 * Moves an appliance's bytes into a Pithos object (grpc-occi-cloudkeeper.md A.9), streaming all the way:
 * LOCAL reads the prepared file the core shares (only below the configured directory), REMOTE downloads it
 * from the core's NGINX with the per-transfer basic-auth credentials over verified TLS. Both pass through
 * a {@link DigestingStream}, so the announced size and checksum are enforced; an object whose bytes do not
 * match is deleted before the call fails, and a transfer that breaks off is reset so none is committed.
 */
@ApplicationScoped
public class ImageTransfer {

    @Inject
    Vertx vertx;

    @Inject
    ImageConfig config;

    @Inject
    StorageClient storage;

    @Inject
    CloudkeeperMetrics metrics;

    HttpClient downloads;

    @PostConstruct
    void init() {
        CloudkeeperConfig ck = config.cloudkeeper();
        HttpClientOptions options = new HttpClientOptions().setVerifyHost(true).setTrustAll(false)
                .setConnectTimeout(30_000).setIdleTimeout(300).setKeepAlive(false);
        ck.remoteCaFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca.toString())));
        downloads = vertx.getDelegate().createHttpClient(options);
    }

    @PreDestroy
    void close() {
        downloads.close();
    }

    /** Streams the image into {@code target} (a new object) with {@code token}; fails with a Cloudkeeper error. */
    public Uni<Void> upload(Image image, ObjectPath target, String token) {
        if (image.getSize() <= 0) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "the image has no size");
        }
        MessageDigest digest = digestFor(image.getChecksum());
        Uni<Void> transfer = switch (image.getMode()) {
            case LOCAL -> local(image, target, token, digest);
            case REMOTE -> remote(image, target, token, digest);
            default -> throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "unknown image mode " + image.getModeValue());
        };
        return transfer.ifNoItem().after(config.cloudkeeper().transferTimeout())
                .failWith(() -> CloudkeeperErrors.error(Kind.FAILED_APPLIANCE_TRANSFER, "the transfer took longer than "
                        + config.cloudkeeper().transferTimeout()))
                .invoke(() -> metrics.transferred(image.getMode(), image.getSize()));
    }

    private Uni<Void> local(Image image, ObjectPath target, String token, MessageDigest digest) {
        return Uni.createFrom().item(() -> localFile(image.getLocation(), image.getSize()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(file -> Uni.createFrom().completionStage(vertx.getDelegate().fileSystem()
                        .open(file.toString(), new OpenOptions().setRead(true).setWrite(false).setCreate(false))
                        .toCompletionStage())
                        .onFailure().transform(e -> CloudkeeperErrors.error(Kind.FAILED_APPLIANCE_TRANSFER,
                                "cannot open " + image.getLocation())))
                .chain(file -> {
                    DigestingStream body = new DigestingStream(file, digest, image.getSize());
                    return store(body, image, target, token).eventually(() -> closeQuietly(file));
                });
    }

    /** The file at {@code location}, checked to be a regular file below the LOCAL directory (blocking). */
    private Path localFile(String location, long size) {
        if (location.isEmpty() || !location.startsWith("/")) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "LOCAL image location must be an absolute path");
        }
        Path file;
        Path root;
        try {
            root = config.cloudkeeper().localDir().toRealPath();
            file = Path.of(location).toRealPath();
        } catch (IOException | RuntimeException e) {
            throw CloudkeeperErrors.error(Kind.FAILED_APPLIANCE_TRANSFER, "LOCAL image " + location + " cannot be read");
        }
        // real paths, so neither ".." nor a symbolic link leads outside the shared directory
        if (!file.startsWith(root)) {
            throw CloudkeeperErrors.error(Kind.PERMISSION_DENIED, "LOCAL image " + location + " is outside "
                    + config.cloudkeeper().localDir());
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw CloudkeeperErrors.error(Kind.FAILED_APPLIANCE_TRANSFER, "LOCAL image " + location + " is not a file");
        }
        try {
            long actual = Files.size(file);
            if (actual != size) {
                throw CloudkeeperErrors.error(Kind.CORRUPT_APPLIANCE_TRANSFER, "LOCAL image " + location + " has "
                        + actual + " bytes, not the announced " + size);
            }
        } catch (IOException e) {
            throw CloudkeeperErrors.error(Kind.FAILED_APPLIANCE_TRANSFER, "LOCAL image " + location + " cannot be read");
        }
        return file;
    }

    private Uni<Void> remote(Image image, ObjectPath target, String token, MessageDigest digest) {
        URI uri = remoteUri(image.getLocation());
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(uri.toString())
                .setSsl(tls);
        if (!image.getUsername().isEmpty() || !image.getPassword().isEmpty()) {
            request.putHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (image.getUsername() + ":" + image.getPassword()).getBytes(StandardCharsets.UTF_8)));
        }
        Future<HttpClientResponse> response = downloads.request(request).compose(r -> r.send()).map(r -> {
            // paused until the upload pipes it: nothing may arrive before storage-service's request exists
            r.pause();
            return r;
        });
        return Uni.createFrom().completionStage(response.toCompletionStage())
                .onFailure().transform(e -> CloudkeeperErrors.error(Kind.FAILED_APPLIANCE_TRANSFER,
                        "cannot download " + redacted(uri) + ": " + describe(e)))
                .chain(r -> {
                    if (r.statusCode() != 200) {
                        r.request().reset();
                        throw CloudkeeperErrors.error(Kind.FAILED_APPLIANCE_TRANSFER, "downloading " + redacted(uri)
                                + " answered " + r.statusCode());
                    }
                    String length = r.getHeader("Content-Length");
                    if (length != null && !length.trim().equals(Long.toString(image.getSize()))) {
                        r.request().reset();
                        throw CloudkeeperErrors.error(Kind.CORRUPT_APPLIANCE_TRANSFER, "the download has " + length
                                + " bytes, not the announced " + image.getSize());
                    }
                    DigestingStream body = new DigestingStream(r, digest, image.getSize());
                    return store(body, image, target, token).onFailure().invoke(() -> r.request().reset());
                });
    }

    private URI remoteUri(String location) {
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "REMOTE image location is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !scheme.equals("https") && !scheme.equals("http")) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "REMOTE image location must be an http(s) URL");
        }
        if (scheme.equals("http") && !config.cloudkeeper().remoteAllowHttp()) {
            throw CloudkeeperErrors.error(Kind.PERMISSION_DENIED, "REMOTE image location " + redacted(uri)
                    + " is not https (plain http is off: nefos.image.cloudkeeper.remote-allow-http)");
        }
        return uri;
    }

    /**
     * Pipes {@code body} into the object, then compares the checksum; a mismatch deletes the object again.
     * A failure of the body itself (too many or too few bytes, a broken download) wins over the reset it caused.
     */
    private Uni<Void> store(DigestingStream body, Image image, ObjectPath target, String token) {
        return storage.putObject(token, target, body, image.getSize(), "application/octet-stream")
                .onFailure().transform(e -> body.failure() != null ? asTransferError(body.failure()) : e)
                .chain(() -> {
                    String actual = body.hex();
                    if (actual.equalsIgnoreCase(image.getChecksum().trim())) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.warnf("cloudkeeper: checksum mismatch for %s, deleting the uploaded object", target.location());
                    return storage.deleteObject(token, target).onFailure().recoverWithNull().replaceWithVoid()
                            .chain(() -> Uni.createFrom().failure(CloudkeeperErrors.error(Kind.CORRUPT_APPLIANCE_TRANSFER,
                                    "checksum mismatch: the image's bytes do not hash to the announced checksum")));
                });
    }

    private static Throwable asTransferError(Throwable t) {
        return t instanceof CloudkeeperException ? t
                : CloudkeeperErrors.error(Kind.FAILED_APPLIANCE_TRANSFER, "the transfer broke off: " + describe(t));
    }

    /** The algorithm of the checksum the core sent, by its length in hex digits. */
    static MessageDigest digestFor(String checksum) {
        String hex = checksum == null ? "" : checksum.trim();
        if (!hex.matches("[0-9a-fA-F]+")) {
            throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "the image has no hexadecimal checksum");
        }
        String algorithm = switch (hex.length()) {
            case 32 -> "MD5";
            case 40 -> "SHA-1";
            case 64 -> "SHA-256";
            case 96 -> "SHA-384";
            case 128 -> "SHA-512";
            default -> throw CloudkeeperErrors.error(Kind.INVALID_REQUEST, "a checksum of " + hex.length()
                    + " hex digits is of no known algorithm");
        };
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL without user info, query or fragment: log lines never carry credentials. */
    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getPath();
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static Uni<Void> closeQuietly(AsyncFile file) {
        return Uni.createFrom().completionStage(file.close().toCompletionStage()).onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
