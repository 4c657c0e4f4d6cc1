package org.nefos.compute;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.post;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.nefos.compute.backend.VncAuth;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/** Metadata, tags, keypairs, volume attachments and the VNC console. */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class MetadataTagKeypairTest {

    @Test
    void metadataListSetUpdateDeleteAndLimits() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createServer(user, ComputeTestSupport.SMALL, Map.of("a", "1"));
        String path = "/compute/v2.0/servers/" + id + "/metadata";
        as(user).get(path).then().statusCode(200).body("metadata.a", equalTo("1"));
        post(user, path, Map.of("metadata", Map.of("b", "2"))).then().statusCode(201)
                .body("metadata.a", equalTo("1")).body("metadata.b", equalTo("2"));
        as(user).contentType("application/json").body(Map.of("meta", Map.of("c", "3"))).put(path + "/c").then()
                .statusCode(201).body("meta.c", equalTo("3"));
        as(user).contentType("application/json").body(Map.of("meta", Map.of("d", "3"))).put(path + "/c").then()
                .statusCode(400);
        as(user).get(path + "/c").then().statusCode(200).body("meta.c", equalTo("3"));
        as(user).delete(path + "/c").then().statusCode(204);
        as(user).get(path + "/c").then().statusCode(404).body("itemNotFound.message", equalTo("Metadata key not found."));
        as(user).delete(path + "/c").then().statusCode(404);
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            many.put("k" + i, "v");
        }
        post(user, path, Map.of("metadata", many)).then().statusCode(400);
        post(user, path, Map.of("metadata", Map.of("x".repeat(51), "v"))).then().statusCode(400);
        post(user, path, Map.of("metadata", Map.of("n", 5))).then().statusCode(400);
        post(user, path, Map.of("nometadata", Map.of())).then().statusCode(400);
        as(user).contentType("application/json").body(Map.of("metadata", Map.of())).put(path).then().statusCode(405);
    }

    @Test
    void tagsArePendingUntilTheBackendConfirmsThem() {
        TestUser user = ComputeTestSupport.newUser();
        String path = "/compute/v2.0/servers/";
        long id = post(user, path, Map.of("server", Map.of("name", "tagged", "imageRef", ComputeTestSupport.debian(),
                "flavorRef", 1, "tags", List.of("tag1", "tag2")))).then().statusCode(202)
                .body("server.tags.size()", equalTo(0)).extract().jsonPath().getLong("server.id");
        String tags = path + id + "/tags";
        ComputeTestSupport.awaitStatus(user, id, "ACTIVE");
        as(user).get(tags).then().statusCode(200).body("tags", equalTo(List.of("tag1", "tag2")))
                .body("statuses", equalTo(List.of("ACTIVE", "ACTIVE")));
        assertEquals(List.of("tag1", "tag2"), ComputeTestSupport.server(user, id).getList("server.tags"));
        as(user).contentType("application/json").body(Map.of("tags", List.of("ω-unicode"))).put(tags).then()
                .statusCode(200).body("statuses", equalTo(List.of("PENDADD")));
        ComputeTestSupport.await(() -> as(user).get(tags).then().extract().jsonPath(),
                j -> j.getList("statuses").equals(List.of("ACTIVE")), "tag confirmation");
        as(user).delete(tags).then().statusCode(204);
        as(user).delete(tags).then().statusCode(404);
        as(user).put(tags + "/one").then().statusCode(201).header("Location", startsWith("http"));
        as(user).put(tags + "/one").then().statusCode(204);
        ComputeTestSupport.await(() -> as(user).get(tags + "/one").header("tag-status"), "ACTIVE"::equals,
                "tag-status ACTIVE");
        as(user).get(tags + "/two").then().statusCode(404);
        as(user).put(tags + "/" + "x".repeat(61)).then().statusCode(400);
        as(user).delete(tags + "/one").then().statusCode(204);
        as(user).delete(tags + "/one").then().statusCode(404);
    }

    @Test
    void keypairsAreGeneratedOrImported() {
        TestUser user = ComputeTestSupport.newUser();
        String path = "/compute/v2.0/os-keypairs";
        JsonPath generated = post(user, path, Map.of("keypair", Map.of("name", "gen"))).then().statusCode(201)
                .body("keypair.private_key", startsWith("-----BEGIN")).body("keypair.public_key", startsWith("ssh-rsa "))
                .extract().jsonPath();
        String pub = generated.getString("keypair.public_key");
        post(user, path, Map.of("keypair", Map.of("name", "imported", "public_key", pub))).then().statusCode(201)
                .body("keypair", not(hasKey("private_key")))
                .body("keypair.fingerprint", equalTo(generated.getString("keypair.fingerprint")));
        post(user, path, Map.of("keypair", Map.of("name", "gen"))).then().statusCode(409)
                .body("conflict.code", equalTo(409));
        post(user, path, Map.of("keypair", Map.of("name", "  "))).then().statusCode(400);
        post(user, path, Map.of("keypair", Map.of())).then().statusCode(400);
        as(user).get(path).then().statusCode(200).body("keypairs.keypair.name", equalTo(List.of("gen", "imported")));
        as(user).get(path + "/gen").then().statusCode(200).body("keypair.id", instanceOf(Integer.class))
                .body("keypair.deleted", equalTo(false)).body("keypair", hasKey("deleted_at"));
        long id = post(user, "/compute/v2.0/servers", Map.of("server", Map.of("name", "keyed",
                "imageRef", ComputeTestSupport.debian(), "flavorRef", 1, "key_name", "gen"))).then().statusCode(202)
                .body("server.key_name", equalTo("gen")).extract().jsonPath().getLong("server.id");
        as(user).delete(path + "/gen").then().statusCode(204);
        as(user).get(path + "/gen").then().statusCode(404);
        as(user).delete(path + "/gen").then().statusCode(404);
        TestUser other = ComputeTestSupport.newUser();
        as(other).get(path).then().statusCode(200).body("keypairs.size()", equalTo(0));
        ComputeTestSupport.awaitStatus(user, id, "ACTIVE");
    }

    @Test
    void volumeAttachmentRoutesListTheRootVolumeAndRefuseUnknownVolumes() {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createServer(user, ComputeTestSupport.SMALL, Map.of());
        String path = "/compute/v2.0/servers/" + id + "/os-volume_attachments";
        as(user).get(path).then().statusCode(200).body("volumeAttachments.size()", equalTo(1));
        post(user, path, Map.of("volumeAttachment", Map.of("volumeId", 5))).then().statusCode(400);
        post(user, path, Map.of("volumeAttachment", Map.of())).then().statusCode(400);
        as(user).get(path + "/5").then().statusCode(400);
        as(user).delete(path + "/5").then().statusCode(400);
        as(user).get("/compute/v2.0/extensions").then().statusCode(200).body("extensions.size()", equalTo(0));
    }

    @Test
    void consoleCompletesAnRfbHandshakeWithItsPassword() throws Exception {
        TestUser user = ComputeTestSupport.newUser();
        long id = ComputeTestSupport.createActive(user, ComputeTestSupport.SMALL);
        JsonPath console = post(user, "/compute/v2.0/servers/" + id + "/action", Map.of("console", Map.of("type", "vnc")))
                .then().statusCode(200).body("console.type", equalTo("vnc")).body("console.port", instanceOf(Integer.class))
                .extract().jsonPath();
        try (Socket s = new Socket(console.getString("console.host"), console.getInt("console.port"))) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            byte[] version = new byte[12];
            in.readFully(version);
            assertEquals("RFB 003.008\n", new String(version, StandardCharsets.US_ASCII));
            out.write(version);
            assertArrayEquals(new byte[] {1, 2}, new byte[] {in.readByte(), in.readByte()});
            out.write(2);
            byte[] challenge = new byte[16];
            in.readFully(challenge);
            out.write(VncAuth.response(console.getString("console.password"), challenge));
            assertEquals(0, in.readInt(), "VNC authentication succeeds");
            out.write(1);
            assertEquals(640, in.readUnsignedShort());
        }
    }
}
