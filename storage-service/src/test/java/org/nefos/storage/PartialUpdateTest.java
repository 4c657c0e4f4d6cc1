package org.nefos.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Partial data updates, POST with Content-Range (spec §4.10), as kamaki and burnin drive them. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "component", value = "pithos"))
class PartialUpdateTest {

    static final String V1 = "/object-store/v1/";
    static final String OCTETS = "application/octet-stream";
    final BlockHasher hasher = new BlockHasher("sha256");

    static {
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false)
                .encodeContentTypeAs(OCTETS, ContentType.TEXT));
    }

    @TestHTTPResource("/")
    URI root;

    static RequestSpecification as(TestUser u) {
        return given().header("X-Auth-Token", u.token());
    }

    static String put(TestUser u, String path, String type, byte[] body) {
        return as(u).contentType(type).body(body).put(V1 + u.uuid() + path).then().statusCode(201).extract()
                .header("X-Object-Version");
    }

    static String content(TestUser u, String path) {
        return as(u).get(V1 + u.uuid() + path).then().statusCode(200).extract().asString();
    }

    @Test
    void appendOverwriteAndTruncateKeepTheTypeAndMoveTheQuotaByTheDelta() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        as(u).put(V1 + u.uuid() + "/p").then().statusCode(201);
        put(u, "/p/o", "text/plain", "Hello".getBytes(StandardCharsets.UTF_8));
        long usage = IdentityUsage.diskspace(ServiceStackResource.identity(), u);
        assertEquals(5, usage);

        as(u).contentType(OCTETS).header("Content-Range", "bytes */*").body("!?".getBytes())
                .post(V1 + u.uuid() + "/p/o?format=json&update").then().statusCode(204)
                .header("ETag", notNullValue()).header("X-Object-Version", notNullValue());
        assertEquals("Hello!?", content(u, "/p/o"));
        as(u).head(V1 + u.uuid() + "/p/o").then().statusCode(200).header("Content-Type", "text/plain")
                .header("X-Object-Hash", hasher.blockHash("Hello!?".getBytes()));
        assertEquals(7, IdentityUsage.diskspace(ServiceStackResource.identity(), u));

        as(u).contentType(OCTETS).header("Content-Range", "bytes 0-0/*").body("J".getBytes())
                .post(V1 + u.uuid() + "/p/o?format=json&update").then().statusCode(204);
        assertEquals("Jello!?", content(u, "/p/o"));

        // kamaki truncate_object: the object itself as source, X-Object-Bytes cuts it
        as(u).contentType("text/plain").header("Content-Range", "bytes 0-5/*").header("X-Object-Bytes", "5")
                .header("X-Source-Object", "/p/o").post(V1 + u.uuid() + "/p/o?format=json&update").then()
                .statusCode(204);
        assertEquals("Jello", content(u, "/p/o"));
        assertEquals(5, IdentityUsage.diskspace(ServiceStackResource.identity(), u), "truncate releases quota");
        as(u).get(V1 + u.uuid() + "/p/o?version=list&format=json").then().statusCode(200)
                .body("versions.size()", equalTo(4));
    }

    @Test
    void badRangesAndHeadersAreFaultsAndChangeNothing() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        as(u).put(V1 + u.uuid() + "/b").then().statusCode(201);
        put(u, "/b/empty", "text/plain", new byte[0]);
        put(u, "/b/five", "text/plain", "12345".getBytes());
        String url = V1 + u.uuid() + "/b/";
        as(u).contentType(OCTETS).header("Content-Range", "bytes 1-1/*").body("x".getBytes())
                .post(url + "empty?update").then().statusCode(416).body("rangeNotSatisfiable.code", equalTo(416));
        as(u).contentType(OCTETS).body("x".getBytes()).post(url + "five?update").then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        as(u).contentType(OCTETS).header("Content-Range", "bytes 0-2/*").body("x".getBytes())
                .post(url + "five?update").then().statusCode(400);
        as(u).contentType(OCTETS).header("Content-Range", "bytes 0-0/9").body("x".getBytes())
                .post(url + "five?update").then().statusCode(416);
        as(u).contentType(OCTETS).header("Content-Range", "bytes 4-5/*").header("X-Object-Bytes", "-1")
                .body("xy".getBytes()).post(url + "five?update").then().statusCode(400);
        as(u).contentType(OCTETS).header("Content-Range", "bytes 0-0/*").body("x".getBytes())
                .post(url + "missing?update").then().statusCode(404).body("itemNotFound.code", equalTo(404));
        as(u).contentType("text/plain").header("Content-Range", "bytes 0-9/*").header("X-Source-Object", "/b/five")
                .post(url + "empty?update").then().statusCode(400);
        as(u).contentType(OCTETS).header("Content-Range", "bytes 0-0/*").header("If-Match", "nope")
                .body("x".getBytes()).post(url + "five?update").then().statusCode(412);
        assertEquals("12345", content(u, "/b/five"));
        assertEquals("", content(u, "/b/empty"));
    }

    @Test
    void rangeWriteFromAnotherAccountsSharedVersionAndWritersMayUpdate() throws Exception {
        TestUser owner = ServiceStackResource.identity().createUser();
        TestUser other = ServiceStackResource.identity().createUser();
        as(owner).put(V1 + owner.uuid() + "/t").then().statusCode(201);
        as(other).put(V1 + other.uuid() + "/s").then().statusCode(201);
        put(owner, "/t/o", "text/plain", "12345".getBytes());
        String v1 = put(other, "/s/src", "text/plain", "ell".getBytes());
        put(other, "/s/src", "text/plain", "XXX".getBytes());
        as(other).header("X-Object-Sharing", "read=" + owner.uuid()).post(V1 + other.uuid() + "/s/src?update")
                .then().statusCode(202);
        as(owner).contentType("text/plain").header("Content-Range", "bytes 1-3/*").header("X-Source-Object", "/s/src")
                .header("X-Source-Account", other.uuid()).header("X-Source-Version", v1)
                .post(V1 + owner.uuid() + "/t/o?format=json&update").then().statusCode(204);
        assertEquals("1ell5", content(owner, "/t/o"));

        // a reader cannot write; after a write grant the other user may append
        as(owner).header("X-Object-Sharing", "read=" + other.uuid()).post(V1 + owner.uuid() + "/t/o?update").then()
                .statusCode(202);
        as(other).contentType(OCTETS).header("Content-Range", "bytes */*").body("6".getBytes())
                .post(V1 + owner.uuid() + "/t/o?update").then().statusCode(403);
        as(owner).header("X-Object-Sharing", "write=" + other.uuid()).post(V1 + owner.uuid() + "/t/o?update").then()
                .statusCode(202);
        as(other).contentType(OCTETS).header("Content-Range", "bytes */*").body("6".getBytes())
                .post(V1 + owner.uuid() + "/t/o?update").then().statusCode(204);
        assertEquals("1ell56", content(owner, "/t/o"));
    }

    @Test
    void concurrentAppendsAreAllKept() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        as(u).put(V1 + u.uuid() + "/c").then().statusCode(201);
        put(u, "/c/log", OCTETS, new byte[0]);
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(http.sendAsync(HttpRequest.newBuilder(root.resolve(V1.substring(1) + u.uuid() + "/c/log?update"))
                    .header("X-Auth-Token", u.token()).header("Content-Type", OCTETS)
                    .header("Content-Range", "bytes */*")
                    .POST(HttpRequest.BodyPublishers.ofString(Integer.toString(i))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> f : all) {
            assertEquals(204, f.get().statusCode(), f.get().body());
        }
        char[] got = content(u, "/c/log").toCharArray();
        Arrays.sort(got);
        assertEquals("01234567", new String(got));
    }

    @Test
    void overwriteAcrossABlockBoundaryMatchesAFreshUpload() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        as(u).put(V1 + u.uuid() + "/x").then().statusCode(201);
        int bs = 4194304;
        byte[] data = new byte[bs + 10];
        Arrays.fill(data, (byte) 'a');
        put(u, "/x/o", OCTETS, data);
        byte[] patch = "0123456789".getBytes();
        as(u).contentType(OCTETS).header("Content-Range", "bytes " + (bs - 5) + "-" + (bs + 4) + "/" + data.length)
                .body(patch).post(V1 + u.uuid() + "/x/o?update").then().statusCode(204);
        System.arraycopy(patch, 0, data, bs - 5, patch.length);
        String expected = hasher.topHash(List.of(hasher.blockHash(data, 0, bs), hasher.blockHash(data, bs, 10)));
        as(u).head(V1 + u.uuid() + "/x/o").then().statusCode(200).header("X-Object-Hash", expected)
                .header("Content-Length", Integer.toString(data.length));
        byte[] window = as(u).header("Range", "bytes=" + (bs - 8) + "-" + (bs + 9)).get(V1 + u.uuid() + "/x/o")
                .then().statusCode(206).extract().asByteArray();
        assertArrayEquals(Arrays.copyOfRange(data, bs - 8, bs + 10), window);
    }
}
