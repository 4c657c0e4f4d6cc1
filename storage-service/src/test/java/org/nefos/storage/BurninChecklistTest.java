package org.nefos.storage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.parsing.Parser;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** snf-burnin's Pithos assertions (spec §8), item by item, against the real stack. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "component", value = "pithos"))
class BurninChecklistTest {

    static final String V1 = "/object-store/v1/";

    static {
        RestAssured.config = RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .appendDefaultContentCharsetToContentTypeIfUndefined(false));
    }

    static RequestSpecification as(TestUser u) {
        return given().header("X-Auth-Token", u.token());
    }

    static String put(TestUser u, String path, String type, String body) {
        return as(u).contentType(type).body(body.getBytes()).put(V1 + u.uuid() + path).then().statusCode(201)
                .extract().header("ETag");
    }

    static String asctime(ZonedDateTime t) {
        return DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).format(t);
    }

    @Test
    void accountHeadUntilConditionalsAndListingPaging() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String a = V1 + u.uuid();
        as(u).put(a + "/c1").then().statusCode(201);
        as(u).put(a + "/c2").then().statusCode(201);
        as(u).put(a + "/c1").then().statusCode(202);
        as(u).head(a + "?until=1000000000").then().statusCode(204)
                .header("X-Account-Until-Timestamp", "Sun, 09 Sep 2001 01:46:40 GMT")
                .header("X-Account-Policy-Quota", not(nullValue()));
        String later = asctime(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        int modified = as(u).header("If-Modified-Since", later).head(a).statusCode();
        int unmodified = as(u).header("If-Unmodified-Since", later).head(a).statusCode();
        assertEquals(304, modified);
        assertEquals(204, unmodified);
        as(u).get(a + "?format=json&limit=1").then().statusCode(200).body("name", equalTo(List.of("c1")));
        as(u).get(a + "?format=json&marker=c1").then().statusCode(200).body("name", equalTo(List.of("c2")));
        as(u).get(a + "?format=json&until=1523456789.12").then().statusCode(200).body("size()", equalTo(2));
        put(u, "/c2/open", "text/plain", "x");
        as(u).header("X-Object-Sharing", "read=*").post(a + "/c2/open?update").then().statusCode(202);
        as(u).get(a + "?format=json&shared=None").then().statusCode(200).body("name", equalTo(List.of("c2")));
        as(u).get(a + "?format=json").then().statusCode(200)
                .body("[0].x_container_policy.quota", equalTo("0"));
    }

    @Test
    void containerHeadGetXmlPathMetaAndPutMerge() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = V1 + u.uuid() + "/box";
        as(u).header("X-Container-Meta-M1", "one").header("X-Container-Meta-M2", "two").put(c).then().statusCode(201);
        as(u).header("X-Container-Meta-M1", "").header("X-Container-Meta-M2", "deux").put(c).then().statusCode(202);
        as(u).head(c).then().statusCode(204).header("X-Container-Meta-M1", nullValue())
                .header("X-Container-Meta-M2", "deux");
        as(u).head(c + "?until=1000000").then().statusCode(404);
        put(u, "/box/top", "text/plain", "t");
        as(u).contentType("text/plain").header("X-Object-Meta-Colour", "red").body("d".getBytes())
                .put(c + "/dir/deep").then().statusCode(201);
        as(u).head(c).then().header("X-Container-Object-Meta", containsString("Colour"));
        String xml = as(u).get(c + "?format=xml").then().statusCode(200).extract().asString();
        assertEquals("name=\"box\">", xml.trim().split("\\s+")[4], xml);
        as(u).get(c + "?format=json&path=/").then().statusCode(200).body("name", equalTo(List.of("top")));
        as(u).get(c + "?format=json&meta=Colour").then().statusCode(200).body("name", equalTo(List.of("dir/deep")));
        as(u).get(c + "?format=json&delimiter=/").then().statusCode(200)
                .body("subdir", hasItem("dir/")).body("name", hasItem("top"));
    }

    @Test
    void containerDeleteUntilDelimiterAndKamakiPurge() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = V1 + u.uuid() + "/del";
        as(u).put(c).then().statusCode(201);
        put(u, "/del/a", "text/plain", "a");
        put(u, "/del/a", "text/plain", "aa");
        as(u).delete(c).then().statusCode(409).body("conflict.code", equalTo(409));
        as(u).delete(c + "?until=1000000000").then().statusCode(204);
        as(u).get(c + "/a").then().statusCode(200).body(equalTo("aa"));
        as(u).delete(c + "?delimiter=/").then().statusCode(204);
        as(u).get(c + "?format=json").then().statusCode(200).body(equalTo("[]"));
        as(u).get(c + "/a?version=list&format=json").then().statusCode(200).body("versions.size()", equalTo(2));
        as(u).delete(c + "?until=" + (System.currentTimeMillis() / 1000.0)).then().statusCode(204);
        as(u).head(c).then().statusCode(404);
        as(u).get(c + "/a?version=list&format=json").then().statusCode(404);
    }

    @Test
    void objectHeadGetConditionalsVersionsRangesAndHashmapKeys() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        as(u).put(V1 + u.uuid() + "/o").then().statusCode(201);
        String o = V1 + u.uuid() + "/o/obj";
        String etag = put(u, "/o/obj", "text/plain", "0123456789");
        String version = as(u).head(o).then().statusCode(200).extract().header("X-Object-Version");
        as(u).head(o + "?version=-10").then().statusCode(404);
        as(u).head(o + "?version=" + version).then().statusCode(200).header("X-Object-Version", version);
        as(u).header("If-Match", etag).head(o).then().statusCode(200);
        as(u).header("If-None-Match", etag).head(o).then().statusCode(304);
        as(u).header("If-Match", etag).head(o + "?version=" + version).then().statusCode(200);
        as(u).header("If-None-Match", etag + "LALALA").get(o).then().statusCode(200);
        as(u).header("Range", "bytes=-3").header("If-Range", "").get(o + "?format=json").then().statusCode(206)
                .body(equalTo("789"));
        as(u).header("Range", "bytes=2-4").get(o).then().statusCode(206).body(equalTo("234"));
        var keys = as(u).get(o + "?hashmap&format=json").then().parser("text/plain", Parser.JSON).statusCode(200)
                .extract().jsonPath().getMap("").keySet();
        assertEquals(java.util.Set.of("hashes", "block_size", "block_hash", "bytes"), keys);
        String xml = as(u).get(o + "?hashmap&format=xml").then().statusCode(200).extract().asString();
        String first = as(u).get(o + "?hashmap&format=json").then().parser("text/plain", Parser.JSON).extract()
                .jsonPath().getString("hashes[0]");
        assertTrue(xml.contains("<hash>" + first + "</hash>"), xml);
        put(u, "/o/obj", "text/plain", "b");
        put(u, "/o/obj", "text/plain", "c");
        as(u).get(o + "?version=list&format=json").then().body("versions.size()", equalTo(3));
        as(u).delete(o + "?until=1000000").then().statusCode(204);
        as(u).get(o).then().statusCode(200).body(equalTo("c"));
    }

    @Test
    void objectPutPreconditionsDirectoriesManifestsAndMoves() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        TestUser other = ServiceStackResource.identity().createUser();
        String c = V1 + u.uuid() + "/w";
        as(u).put(c).then().statusCode(201);
        as(u).put(V1 + u.uuid() + "/w2").then().statusCode(201);
        String etag = put(u, "/w/x", "text/plain", "a");
        as(u).contentType("text/plain").header("If-None-Match", etag).body("z".getBytes()).put(c + "/x").then()
                .statusCode(412);
        as(u).contentType("text/plain").header("If-Match", etag).header("X-Object-Public", "True")
                .header("Content-Disposition", "attachment; filename=\"x\"").body("b".getBytes()).put(c + "/x")
                .then().statusCode(201);
        as(u).get(c + "/x").then().statusCode(200).body(equalTo("b")).header("X-Object-Public", containsString("/public/"))
                .header("Content-Disposition", "attachment; filename=\"x\"");
        as(u).contentType("application/directory").put(c + "/dir").then().statusCode(201);
        as(u).head(c + "/dir").then().header("Content-Type", "application/directory");
        for (int i = 0; i < 10; i++) {
            put(u, "/w/parts/" + i, "text/plain", Integer.toString(i));
        }
        as(u).contentType("text/plain").header("X-Object-Manifest", "w/parts/").put(c + "/m").then().statusCode(201);
        as(u).get(c + "/m").then().statusCode(200).body(equalTo("0123456789"));
        String hash = as(u).head(c + "/x").then().extract().header("X-Object-Hash");
        String old = as(u).get(c + "/x?version=list&format=json").then().extract().jsonPath().getString("versions[0][0]");
        as(u).header("X-Move-From", "/w/x").header("X-Source-Version", old).put(V1 + u.uuid() + "/w2/x").then()
                .statusCode(201);
        as(u).head(c + "/x").then().statusCode(404);
        as(u).head(V1 + u.uuid() + "/w2/x").then().statusCode(200).header("X-Object-Hash", hash);
        as(other).put(V1 + other.uuid() + "/mine").then().statusCode(201);
        as(other).header("X-Move-From", "/w2/x").header("X-Source-Account", u.uuid())
                .put(V1 + other.uuid() + "/mine/stolen").then().statusCode(403).body("forbidden.code", equalTo(403));
        as(u).head(V1 + u.uuid() + "/w2/x").then().statusCode(200);
    }

    @Test
    void copyAndMoveVerbsMergeMetadataAndReportTheirFormat() throws Exception {
        TestUser u = ServiceStackResource.identity().createUser();
        String c = V1 + u.uuid() + "/cp";
        as(u).put(c).then().statusCode(201);
        as(u).contentType("text/plain").header("X-Object-Meta-Mkey1", "v1").header("X-Object-Meta-Mkey2", "v2")
                .body("data".getBytes()).put(c + "/src").then().statusCode(201);
        as(u).header("Destination", "/cp/dst").header("X-Object-Meta-Mkey2", "new").contentType("text/csv")
                .header("X-Object-Sharing", "write=" + u.uuid().toUpperCase() + ":GroupB").request("COPY", c + "/src")
                .then().statusCode(201).header("Content-Type", "application/json; charset=UTF-8");
        as(u).head(c + "/dst").then().statusCode(200).header("X-Object-Meta-Mkey1", "v1")
                .header("X-Object-Meta-Mkey2", "new").header("Content-Type", "text/csv")
                .header("X-Object-Sharing", "write=" + u.uuid().toLowerCase() + ":groupb");
        as(u).header("Destination", "/cp/dst2").contentType("text/csv").request("COPY", c + "/src?ignore_content_type")
                .then().statusCode(201);
        as(u).head(c + "/dst2").then().header("Content-Type", "text/plain");
        as(u).header("Destination", "/cp/dst3").header("Destination-Account", "00000000-0000-0000-0000-000000000000")
                .request("COPY", c + "/src").then().statusCode(404);
        as(u).header("Destination", "/cp/dst4").request("COPY", c + "/src?format=xml").then().statusCode(201)
                .header("Content-Type", containsString("xml"));
        long usage = IdentityUsage.diskspace(ServiceStackResource.identity(), u);
        as(u).header("Destination", "/cp/moved").request("MOVE", c + "/dst4").then().statusCode(201);
        as(u).head(c + "/dst4").then().statusCode(404);
        assertEquals(usage, IdentityUsage.diskspace(ServiceStackResource.identity(), u), "a move inside a project is free");
        String etag = as(u).head(c + "/src").then().extract().header("ETag");
        as(u).contentType("application/x-odd").header("If-Match", etag).header("X-Object-Meta-Extra", "e")
                .post(c + "/src?update").then().statusCode(202);
        as(u).head(c + "/src").then().header("Content-Type", "text/plain").header("X-Object-Meta-Extra", "e");
        as(u).header("If-None-Match", as(u).head(c + "/src").then().extract().header("ETag"))
                .header("X-Object-Meta-Extra", "f").post(c + "/src?update").then().statusCode(412);
    }
}
