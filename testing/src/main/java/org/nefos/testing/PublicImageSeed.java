package org.nefos.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Seeds the public "Debian Base" image the way {@code run-local.sh} does: a small real file uploaded by a
 * system user into its Pithos container {@code images}, then registered public on image-service with the
 * properties burnin expects of system images ({@code osfamily}, {@code root_partition}) and the ones compute's
 * clients read ({@code os}, {@code users}). Talks to the services directly, not through a gateway.
 */
public final class PublicImageSeed {

    public static final String NAME = "Debian Base";
    public static final String CONTAINER = "images";
    public static final String OBJECT = "debian_base.diskdump";

    /**
     * HTTP/1.1 only: by default the JDK client offers an h2c upgrade on its first request, and storage-service
     * never answers an upgrade request that carries a body (Vert.x reports "Request has already been read").
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private PublicImageSeed() {
    }

    /** The seeded image: its id (the object's UUID) and its owner. */
    public record Seeded(String imageId, String ownerUuid, String location) {
    }

    /** Uploads the file as {@code ownerUuid} (token {@code ownerToken}) and registers it; answers the image id. */
    public static Seeded seed(String storageUrl, String imageUrl, String ownerUuid, String ownerToken)
            throws Exception {
        String container = storageUrl + "/object-store/v1/" + ownerUuid + "/" + CONTAINER;
        expect(send(HttpRequest.newBuilder(URI.create(container)).header("X-Auth-Token", ownerToken)
                .PUT(HttpRequest.BodyPublishers.noBody())), 201, 202);
        expect(send(HttpRequest.newBuilder(URI.create(container + "/" + OBJECT)).header("X-Auth-Token", ownerToken)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(diskImage()))), 201);
        String location = "pithos://" + ownerUuid + "/" + CONTAINER + "/" + OBJECT;
        HttpResponse<String> registered = expect(send(HttpRequest.newBuilder(
                URI.create(imageUrl + "/image/v1.0/images/")).header("X-Auth-Token", ownerToken)
                .header("X-Image-Meta-Name", "Debian%20Base")
                .header("X-Image-Meta-Location", location)
                .header("X-Image-Meta-Disk-Format", "diskdump")
                .header("X-Image-Meta-Container-Format", "bare")
                .header("X-Image-Meta-Is-Public", "True")
                .header("X-Image-Meta-Property-OSFAMILY", "linux")
                .header("X-Image-Meta-Property-ROOT_PARTITION", "1")
                .header("X-Image-Meta-Property-OS", "debian")
                .header("X-Image-Meta-Property-USERS", "root")
                .header("X-Image-Meta-Property-DESCRIPTION", "Debian%2012%20base")
                .POST(HttpRequest.BodyPublishers.noBody())), 200);
        String id = registered.headers().firstValue("x-image-meta-id")
                .orElseThrow(() -> new IllegalStateException("image-service answered no x-image-meta-id"));
        return new Seeded(id, ownerUuid, location);
    }

    /**
     * Creates the system user owning the public images through identity's admin API, with the given uuid and
     * token (as {@code run-local.sh} does).
     */
    public static void createSystemUser(String identityUrl, String adminToken, String uuid, String token)
            throws Exception {
        String body = "{\"user\": {\"id\": \"" + uuid + "\", \"username\": \"system@nefos.local\", "
                + "\"first_name\": \"Nefos\", \"last_name\": \"System\", \"auth_token\": \"" + token + "\"}}";
        expect(send(HttpRequest.newBuilder(URI.create(identityUrl + "/identity/v2.0/users"))
                .header("X-Auth-Token", adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), 200);
    }

    /** A 1 MiB "diskdump": a text header and zeroes (real bytes in Pithos, small enough for every test run). */
    static byte[] diskImage() {
        byte[] header = "Nefos Debian Base seed image (diskdump)\n".getBytes(StandardCharsets.US_ASCII);
        byte[] image = Arrays.copyOf(header, 1024 * 1024);
        return image;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> expect(HttpResponse<String> r, int... statuses) {
        for (int s : statuses) {
            if (r.statusCode() == s) {
                return r;
            }
        }
        throw new IllegalStateException("seeding the public image: " + r.request().method() + " " + r.uri()
                + " answered " + r.statusCode() + " " + r.body());
    }
}
