package org.nefos.image.cloudkeeper;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.image.cloudkeeper.CoreCalls.appliance;
import static org.nefos.image.cloudkeeper.CoreCalls.applianceDigest;
import static org.nefos.image.cloudkeeper.CoreCalls.bytes;
import static org.nefos.image.cloudkeeper.CoreCalls.local;
import static org.nefos.image.cloudkeeper.CoreCalls.remote;
import static org.nefos.image.cloudkeeper.CoreCalls.sha512;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nefos.image.ImageTestSupport;
import org.nefos.image.cloudkeeper.grpc.Appliance;
import org.nefos.image.cloudkeeper.grpc.CommunicatorGrpc;
import org.nefos.image.cloudkeeper.grpc.CommunicatorGrpc.CommunicatorBlockingStub;
import org.nefos.image.cloudkeeper.grpc.ImageListIdentifier;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * The Cloudkeeper backend driven by a plain grpc-java client sending what the Ruby core 2.x sends, in the
 * core's call order (grpc-occi-cloudkeeper.md A.5), against the real identity- and storage-service: the
 * appliances become the service user's Plankton images, in the projects their VOs map to, with every
 * appliance attribute as a property, and are listed back, updated, expired and removed from those images alone.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "storage", value = "true"))
@WithTestResource(value = CloudkeeperStackResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class CloudkeeperSyncTest {

    private static final Empty EMPTY = Empty.getDefaultInstance();

    static ManagedChannel channel;
    static CommunicatorBlockingStub core;

    @BeforeAll
    static void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", CloudkeeperStackResource.grpcPort).usePlaintext().build();
        core = CommunicatorGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void wholeSyncAddsListsUpdatesExpiresAndRemovesAnImageList() throws Exception {
        String list = "list-" + UUID.randomUUID();
        byte[] bytes1 = bytes(300_000);
        byte[] bytes2 = bytes(123_457);
        byte[] bytes3 = bytes(200_001);
        Appliance a1 = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Ubuntu 22.04 dteam")
                .setImage(local(bytes1)).build();
        Appliance a2 = appliance(list, CloudkeeperStackResource.VO_OPS, "CentOS 9 ops").setImage(local(bytes2)).build();
        Appliance a3 = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Debian 12 remote")
                .setImage(remote(bytes3)).build();

        // run 1: the list is new to the backend, so every entry is added
        core.preAction(EMPTY);
        core.removeExpiredAppliances(EMPTY);
        assertFalse(imageLists().contains(list));
        core.addAppliance(a1);
        core.addAppliance(a2);
        core.addAppliance(a3);
        core.postAction(EMPTY);

        Map<String, Map<String, Object>> images = imagesOf(list);
        assertEquals(3, images.size());
        assertImage(images.get(a1.getIdentifier()), a1, CloudkeeperStackResource.dteamProject, bytes1);
        assertImage(images.get(a2.getIdentifier()), a2, CloudkeeperStackResource.opsProject, bytes2);
        assertImage(images.get(a3.getIdentifier()), a3, CloudkeeperStackResource.dteamProject, bytes3);

        // run 2: the backend answers from its images alone, with both digests as they were sent
        core.preAction(EMPTY);
        assertTrue(imageLists().contains(list));
        Map<String, Appliance> held = appliances(list);
        assertEquals(3, held.size());
        for (Appliance sent : List.of(a1, a2, a3)) {
            Appliance back = held.get(sent.getIdentifier());
            assertEquals(sent.toBuilder().clearImage().build(), back.toBuilder().clearImage().build());
            assertEquals(sent.getImage().getDigest(), back.getImage().getDigest());
            assertEquals(sent.getImage().getChecksum(), back.getImage().getChecksum());
            assertEquals(sent.getImage().getSize(), back.getImage().getSize());
        }

        // new bytes for a1: a new image replaces the old one, whose object goes too
        String oldA1 = (String) images.get(a1.getIdentifier()).get("id");
        String oldA1Location = (String) images.get(a1.getIdentifier()).get("location");
        byte[] bytes1b = bytes(310_000);
        Appliance a1b = a1.toBuilder().setVersion("1.1").setImage(local(bytes1b)).build();
        a1b = a1b.toBuilder().setDigest(applianceDigest(a1b.toBuilder())).build();
        core.updateAppliance(a1b);
        // new metadata for a2 (the image field is cleared, as the core does)
        Appliance a2b = a2.toBuilder().setTitle("CentOS Stream 9 ops").clearImage().build();
        a2b = a2b.toBuilder().setDigest(applianceDigest(a2b.toBuilder())).build();
        core.updateApplianceMetadata(a2b);
        // a3's entry has expired: held (and listed) until RemoveExpiredAppliances
        Appliance a3b = a3.toBuilder().setExpirationDate(Instant.now().minusSeconds(60).getEpochSecond()).clearImage().build();
        a3b = a3b.toBuilder().setDigest(applianceDigest(a3b.toBuilder())).build();
        core.updateApplianceMetadata(a3b);
        core.postAction(EMPTY);

        images = imagesOf(list);
        assertEquals(3, images.size());
        Map<String, Object> a1Image = images.get(a1.getIdentifier());
        assertNotEquals(oldA1, a1Image.get("id"));
        assertImage(a1Image, a1b, CloudkeeperStackResource.dteamProject, bytes1b);
        asService().head(ImageTestSupport.API + "/images/" + oldA1).then().statusCode(404);
        pithos().head(objectPath(oldA1Location)).then().statusCode(404);
        Map<String, Object> a2Image = images.get(a2.getIdentifier());
        assertEquals("CentOS Stream 9 ops", a2Image.get("name"));
        assertEquals(a2b.getDigest(), props(a2Image).get("cloudkeeper_appliance_digest"));
        assertEquals(a2.getImage().getDigest(), props(a2Image).get("cloudkeeper_image_digest"), "the bytes stay");
        assertEquals(Long.toString(a3b.getExpirationDate()), props(images.get(a3.getIdentifier()))
                .get("cloudkeeper_appliance_expiration_date"));

        // run 3: the expired appliance goes, then the whole list
        core.preAction(EMPTY);
        core.removeExpiredAppliances(EMPTY);
        held = appliances(list);
        assertEquals(Map.of(a1.getIdentifier(), a1b.getDigest(), a2.getIdentifier(), a2b.getDigest()),
                held.values().stream().collect(Collectors.toMap(Appliance::getIdentifier, Appliance::getDigest)));
        assertEquals(a1b.getImage().getDigest(), held.get(a1.getIdentifier()).getImage().getDigest());
        String a2Location = (String) a2Image.get("location");
        core.removeImageList(ImageListIdentifier.newBuilder().setImageListIdentifier(list).build());
        core.postAction(EMPTY);
        assertFalse(imageLists().contains(list));
        assertTrue(appliances(list).isEmpty());
        assertTrue(imagesOf(list).isEmpty());
        pithos().head(objectPath(a2Location)).then().statusCode(404);
    }

    @Test
    void removeApplianceRetiresTheImageAndAnUnknownOneIsApplianceNotFound() throws Exception {
        String list = "list-" + UUID.randomUUID();
        Appliance a = appliance(list, CloudkeeperStackResource.VO_OPS, "Rocky 9").setImage(local(bytes(50_000))).build();
        core.addAppliance(a);
        assertEquals(1, imagesOf(list).size());
        // the core removes with the backend's own appliance (from Appliances), image field cleared
        core.removeAppliance(appliances(list).get(a.getIdentifier()).toBuilder().clearImage().build());
        assertTrue(imagesOf(list).isEmpty());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> core.removeAppliance(a));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("ApplianceNotFound: "), e.getStatus().getDescription());
        assertEquals("ERROR_APPLIANCE_NOT_FOUND", e.getTrailers().get(CloudkeeperErrors.STATUS_KEY));
    }

    @Test
    void addingTheSameApplianceAgainAdoptsTheHeldImage() throws Exception {
        String list = "list-" + UUID.randomUUID();
        byte[] bytes = bytes(70_000);
        Appliance a = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Alma 9").setImage(local(bytes)).build();
        core.addAppliance(a);
        String id = (String) imagesOf(list).get(a.getIdentifier()).get("id");
        // a run that failed after the upload adds it again: same bytes, so no second upload and no duplicate
        Appliance again = a.toBuilder().setTitle("Alma Linux 9").setImage(local(bytes).toBuilder()
                .setUri(a.getImage().getUri()).setDigest(a.getImage().getDigest())).build();
        core.addAppliance(again);
        Map<String, Map<String, Object>> images = imagesOf(list);
        assertEquals(1, images.size());
        assertEquals(id, images.get(a.getIdentifier()).get("id"));
        assertEquals("Alma Linux 9", images.get(a.getIdentifier()).get("name"));
    }

    @Test
    void aGenerationOneImageIsAdoptedNotDuplicated() throws Exception {
        String list = "list-" + UUID.randomUUID();
        String applianceId = UUID.randomUUID().toString();
        TestUser svc = CloudkeeperStackResource.serviceUser;
        String name = "gen1-" + UUID.randomUUID() + ".qcow2";
        ImageTestSupport.upload(svc, "images", name, bytes(1000));
        // what Cloudkeeper-OS 0.9 left on its images, as Plankton stores the keys (lower case)
        String gen1Id = ImageTestSupport.register(svc, "Old appliance", ImageTestSupport.location(svc, "images", name),
                Map.of("X-Image-Meta-Property-APPLIANCE_ID", applianceId,
                        "X-Image-Meta-Property-APPLIANCE_IMAGE_LIST_ID", list,
                        "X-Image-Meta-Property-APPLIANCE_VO", CloudkeeperStackResource.VO_DTEAM,
                        "X-Image-Meta-Property-APPLIANCE_MPURI", "https://appdb.egi.eu/store/vm/image/old:1/",
                        "X-Image-Meta-Property-APPLIANCE_EXPIRATION_DATE", "4102444800",
                        "X-Image-Meta-Property-APPLIANCE_STATUS", "ACTIVE"))
                .then().statusCode(200).extract().header("x-image-meta-id");

        assertTrue(imageLists().contains(list));
        Appliance old = appliances(list).get(applianceId);
        assertEquals("https://appdb.egi.eu/store/vm/image/old:1/", old.getMpuri());
        assertEquals(4102444800L, old.getExpirationDate());
        assertEquals("", old.getDigest(), "generation 1 stored no digests, so the core will update it");

        Appliance.Builder b = appliance(list, CloudkeeperStackResource.VO_DTEAM, "New appliance").setIdentifier(applianceId);
        Appliance current = b.setDigest(applianceDigest(b)).setImage(local(bytes(2000))).build();
        core.updateAppliance(current);
        core.postAction(EMPTY);
        Map<String, Map<String, Object>> images = imagesOf(list);
        assertEquals(1, images.size());
        assertNotEquals(gen1Id, images.get(applianceId).get("id"));
        assertEquals(current.getDigest(), props(images.get(applianceId)).get("cloudkeeper_appliance_digest"));
        asService().head(ImageTestSupport.API + "/images/" + gen1Id).then().statusCode(404);
    }

    @Test
    void aChecksumMismatchFailsAndLeavesNothingBehind() throws Exception {
        String list = "list-" + UUID.randomUUID();
        var image = local(bytes(40_000)).toBuilder().setChecksum(sha512("other bytes".getBytes())).build();
        Appliance a = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Corrupt").setImage(image).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(a));
        assertEquals(Status.Code.DATA_LOSS, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("FailedApplianceTransfer: checksum mismatch"),
                e.getStatus().getDescription());
        assertTrue(imagesOf(list).isEmpty());
        assertTrue(objectsOf(CloudkeeperStackResource.dteamProject, a.getIdentifier()).isEmpty());

        // a REMOTE file longer than announced is cut off and nothing is stored either
        byte[] served = bytes(30_000);
        var longer = remote(served).toBuilder().setSize(20_000).build();
        Appliance b = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Too long").setImage(longer).build();
        e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(b));
        assertEquals(Status.Code.DATA_LOSS, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith("FailedApplianceTransfer: "), e.getStatus().getDescription());
        assertTrue(imagesOf(list).isEmpty());
        assertTrue(objectsOf(CloudkeeperStackResource.dteamProject, b.getIdentifier()).isEmpty());
    }

    @Test
    void remoteDownloadsNeedTheCredentialsAndVerifiedTls() {
        String list = "list-" + UUID.randomUUID();
        var wrongPassword = remote(bytes(10_000)).toBuilder().setPassword("not-the-password").build();
        Appliance a = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Wrong password").setImage(wrongPassword).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(a));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertThat(e, "FailedApplianceTransfer: ", "answered 401");

        // the certificate is trusted for 127.0.0.1 only: another name for the same server fails verification
        var otherHost = remote(bytes(10_000));
        otherHost = otherHost.toBuilder().setLocation(otherHost.getLocation().replace("127.0.0.1", "127.0.0.2")).build();
        Appliance b = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Other host").setImage(otherHost).build();
        e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(b));
        assertThat(e, "FailedApplianceTransfer: ", "cannot download");

        var plain = remote(bytes(10_000));
        plain = plain.toBuilder().setLocation(plain.getLocation().replace("https://", "http://")).build();
        Appliance c = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Plain http").setImage(plain).build();
        e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(c));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(imagesOf(list).isEmpty());
    }

    @Test
    void badRequestsFailWithCloudkeeperNames() throws Exception {
        String list = "list-" + UUID.randomUUID();
        Appliance unmapped = appliance(list, "no-such-vo", "Unmapped").setImage(local(bytes(1000))).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(unmapped));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertThat(e, "ResourceNotFound: ", "no-such-vo");

        Appliance outside = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Outside")
                .setImage(local(bytes(1000)).toBuilder().setLocation("/etc/hostname").setSize(1)).build();
        e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(outside));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertThat(e, "PermissionDenied: ", "outside");

        Appliance noVo = appliance(list, "", "No VO").setImage(local(bytes(1000))).build();
        e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(noVo));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());

        Appliance noImage = appliance(list, CloudkeeperStackResource.VO_DTEAM, "No image").build();
        e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(noImage));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());

        Appliance unknown = appliance(list, CloudkeeperStackResource.VO_DTEAM, "Never added").build();
        e = assertThrows(StatusRuntimeException.class, () -> core.updateApplianceMetadata(unknown));
        assertThat(e, "ApplianceNotFound: ", unknown.getIdentifier());
        assertTrue(imagesOf(list).isEmpty());
    }

    @Test
    void aChangedMappingFileIsReadWithoutRestart() throws Exception {
        String vo = "fedcloud-" + UUID.randomUUID().toString().substring(0, 8);
        String list = "list-" + UUID.randomUUID();
        Appliance a = appliance(list, vo, "Late VO").setImage(local(bytes(5000))).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(a));
        assertThat(e, "ResourceNotFound: ", vo);

        java.nio.file.Path mapping = java.nio.file.Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("nefos.image.cloudkeeper.mapping-file", String.class));
        io.vertx.core.json.JsonObject content = new io.vertx.core.json.JsonObject(java.nio.file.Files.readString(mapping));
        content.put(vo, new io.vertx.core.json.JsonObject().put("project", CloudkeeperStackResource.opsProject));
        java.nio.file.Path next = mapping.resolveSibling("mapping.json.next");
        java.nio.file.Files.writeString(next, content.encodePrettily());
        java.nio.file.Files.move(next, mapping, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // a file rewritten within one second can keep its mtime; the test makes the change visible
        java.nio.file.Files.setLastModifiedTime(mapping, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));

        ImageTestSupport.await(() -> {
            try {
                core.addAppliance(a.toBuilder().setImage(local(bytes(5000))).build());
                return true;
            } catch (StatusRuntimeException notYet) {
                return false;
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, ok -> ok, "the new VO to be mapped");
        assertEquals(CloudkeeperStackResource.opsProject, props(imagesOf(list).get(a.getIdentifier()))
                .get("cloudkeeper_project"));
    }

    @Test
    void aProjectNamedInTheMappingFileIsFoundAmongTheServiceUsersProjects() throws Exception {
        String list = "list-" + UUID.randomUUID();
        Appliance a = appliance(list, CloudkeeperStackResource.VO_OPS_BY_NAME, "By name").setImage(local(bytes(3000))).build();
        core.addAppliance(a);
        assertEquals(CloudkeeperStackResource.opsProject, props(imagesOf(list).get(a.getIdentifier()))
                .get("cloudkeeper_project"));

        Appliance b = appliance(list, CloudkeeperStackResource.VO_UNKNOWN_PROJECT, "Nowhere").setImage(local(bytes(3000)))
                .build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> core.addAppliance(b));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertThat(e, "ResourceNotFound: ", "no-such-project.example.org");
        assertEquals(1, imagesOf(list).size());
    }

    @Test
    void metricsAndHealthReportTheBackend() {
        core.preAction(EMPTY);
        core.postAction(EMPTY);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("nefos_cloudkeeper_calls_total{outcome=\"ok\",rpc=\"PreAction\"}"));
        given().get("/q/health/group/cloudkeeper").then().statusCode(200).body(containsString("\"UP\""));
    }

    // --- helpers

    private static void assertThat(StatusRuntimeException e, String prefix, String part) {
        String d = e.getStatus().getDescription();
        assertTrue(d != null && d.startsWith(prefix) && d.contains(part), e.getStatus() + " lacks " + prefix + "…" + part);
    }

    /** The image as Plankton lists it: owner, name, size, project, bytes and every appliance attribute. */
    private static void assertImage(Map<String, Object> image, Appliance a, String project, byte[] bytes) {
        assertTrue(image != null, "no image for appliance " + a.getIdentifier());
        TestUser svc = CloudkeeperStackResource.serviceUser;
        assertEquals(svc.uuid(), image.get("owner"));
        assertEquals(a.getTitle(), image.get("name"));
        assertEquals(a.getDescription(), image.get("description"));
        assertEquals(bytes.length, ((Number) image.get("size")).intValue());
        assertEquals("AVAILABLE", image.get("status"));
        assertEquals(Boolean.FALSE, image.get("is_public"));
        Map<String, Object> p = props(image);
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("cloudkeeper_appliance_id", a.getIdentifier());
        expected.put("cloudkeeper_appliance_image_list_id", a.getImageListIdentifier());
        expected.put("cloudkeeper_appliance_title", a.getTitle());
        expected.put("cloudkeeper_appliance_mpuri", a.getMpuri());
        expected.put("cloudkeeper_appliance_group", a.getGroup());
        expected.put("cloudkeeper_appliance_ram", Long.toString(a.getRam()));
        expected.put("cloudkeeper_appliance_core", Integer.toString(a.getCore()));
        expected.put("cloudkeeper_appliance_version", a.getVersion());
        expected.put("cloudkeeper_appliance_architecture", a.getArchitecture());
        expected.put("cloudkeeper_appliance_operating_system", a.getOperatingSystem());
        expected.put("cloudkeeper_appliance_vo", a.getVo());
        expected.put("cloudkeeper_appliance_expiration_date", Long.toString(a.getExpirationDate()));
        expected.put("cloudkeeper_appliance_base_mpuri", a.getBaseMpuri());
        expected.put("cloudkeeper_appliance_appid", a.getAppid());
        expected.put("cloudkeeper_appliance_digest", a.getDigest());
        expected.put("cloudkeeper_image_uri", a.getImage().getUri());
        expected.put("cloudkeeper_image_checksum", a.getImage().getChecksum());
        expected.put("cloudkeeper_image_size", Long.toString(a.getImage().getSize()));
        expected.put("cloudkeeper_image_format", "QCOW2");
        expected.put("cloudkeeper_image_digest", a.getImage().getDigest());
        expected.put("cloudkeeper_status", "ACTIVE");
        expected.put("cloudkeeper_project", project);
        expected.put("vmcatcher_event_ad_mpuri", a.getMpuri());
        expected.forEach((k, v) -> assertEquals(v, p.get(k), k));
        // the container holding the bytes is charged to the VO's project, and the bytes are the file's
        String location = (String) image.get("location");
        String container = location.substring(("pithos://" + svc.uuid() + "/").length()).split("/")[0];
        assertEquals(ApplianceImages.CONTAINER_PREFIX + project, container);
        pithos().head("/object-store/v1/" + svc.uuid() + "/" + container).then().statusCode(204)
                .header("X-Container-Policy-Project", project);
        byte[] stored = pithos().get(objectPath(location)).then().statusCode(200).extract().asByteArray();
        assertEquals(sha512(bytes), sha512(stored));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> image) {
        return (Map<String, Object>) image.get("properties");
    }

    /** The service user's images of {@code list} by appliance id, as /image/v1.0/images/detail lists them. */
    private static Map<String, Map<String, Object>> imagesOf(String list) {
        List<Map<String, Object>> all = asService().get(ImageTestSupport.API + "/images/detail").then().statusCode(200)
                .extract().jsonPath().getList("images");
        Map<String, Map<String, Object>> byAppliance = new java.util.LinkedHashMap<>();
        for (Map<String, Object> i : all) {
            Map<String, Object> p = props(i);
            if (p != null && list.equals(p.get("cloudkeeper_appliance_image_list_id"))) {
                assertTrue(byAppliance.put((String) p.get("cloudkeeper_appliance_id"), i) == null,
                        "two images for appliance " + p.get("cloudkeeper_appliance_id"));
            }
        }
        return byAppliance;
    }

    private static List<String> imageLists() {
        List<String> lists = new ArrayList<>();
        core.imageLists(EMPTY).forEachRemaining(l -> lists.add(l.getImageListIdentifier()));
        return lists;
    }

    private static Map<String, Appliance> appliances(String list) {
        Map<String, Appliance> held = new java.util.LinkedHashMap<>();
        Iterator<Appliance> it = core.appliances(ImageListIdentifier.newBuilder().setImageListIdentifier(list).build());
        it.forEachRemaining(a -> assertTrue(held.put(a.getIdentifier(), a) == null, "listed twice: " + a.getIdentifier()));
        return held;
    }

    /** Object names in the project's container that belong to {@code applianceId}. */
    private static List<String> objectsOf(String project, String applianceId) {
        TestUser svc = CloudkeeperStackResource.serviceUser;
        var r = pithos().queryParam("format", "json").queryParam("prefix", "appliances/" + applianceId + "/")
                .get("/object-store/v1/" + svc.uuid() + "/" + ApplianceImages.CONTAINER_PREFIX + project);
        if (r.statusCode() == 204 || r.statusCode() == 404) {
            return List.of();
        }
        return r.then().statusCode(200).extract().jsonPath().getList("name");
    }

    private static String objectPath(String location) {
        return "/object-store/v1/" + location.substring("pithos://".length());
    }

    private static RequestSpecification asService() {
        return ImageTestSupport.as(CloudkeeperStackResource.serviceUser);
    }

    private static RequestSpecification pithos() {
        return ImageTestSupport.pithos(CloudkeeperStackResource.serviceUser);
    }
}
