package org.nefos.compute;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nefos.compute.ComputeTestSupport.as;
import static org.nefos.compute.ComputeTestSupport.post;
import static org.nefos.compute.VolumeTestSupport.ARCHIPELAGO;
import static org.nefos.compute.VolumeTestSupport.GIB;
import static org.nefos.compute.VolumeTestSupport.VOLUMES;
import static org.nefos.compute.VolumeTestSupport.activeServer;
import static org.nefos.compute.VolumeTestSupport.awaitDisk;
import static org.nefos.compute.VolumeTestSupport.awaitVolume;
import static org.nefos.compute.VolumeTestSupport.createVolume;
import static org.nefos.compute.VolumeTestSupport.disk;
import static org.nefos.compute.VolumeTestSupport.status;
import static org.nefos.compute.VolumeTestSupport.volume;

import java.util.List;
import java.util.Map;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventJson;
import org.nefos.events.compute.VolumeChanged;
import org.nefos.events.compute.VolumeCommand;
import org.nefos.platform.events.CloudEvent;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * Attach and detach through {@code os-volume_attachments}, driven by backend jobs over Kafka; root volumes from
 * the build; the seed's "USB stick" walk; what a server's delete does to its volumes.
 */
@QuarkusTest
@WithTestResource(value = ServiceStackResource.class, scope = TestResourceScope.GLOBAL)
class VolumeAttachmentTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private static String attachments(long server) {
        return "/compute/v2.0/servers/" + server + "/os-volume_attachments";
    }

    private static List<Map<String, Object>> attached(TestUser user, long server) {
        return as(user).get(attachments(server)).then().statusCode(200).extract().jsonPath()
                .getList("volumeAttachments");
    }

    @Test
    void aServerHasItsRootVolumeFromTheBuildChargedOnlyAsTheFlavorDisk() {
        TestUser user = ComputeTestSupport.newUser();
        long flavor = VolumeTestSupport.flavorId(user, "C1R1024D10ext_archipelago");
        long server = ComputeTestSupport.createServer(user, (int) flavor, Map.of());
        List<Integer> volumes = ComputeTestSupport.server(user, server).getList("server.volumes");
        assertEquals(1, volumes.size(), "the root volume exists from the create request");
        long root = volumes.get(0);
        JsonPath v = volume(user, root);
        assertTrue(List.of("creating", "in_use").contains(v.getString("volume.status")));
        ComputeTestSupport.awaitStatus(user, server, "ACTIVE");
        v = awaitVolume(user, root, "in_use");
        assertEquals(10, v.getInt("volume.size"));
        assertEquals(ARCHIPELAGO, v.getInt("volume.volume_type"));
        assertEquals(List.of(Map.of("server_id", (int) server, "volume_id", (int) root, "device_index", 0)),
                v.getList("volume.attachments"));
        assertEquals(ComputeTestSupport.debian(), v.getString("volume.image_id"));
        assertEquals(10 * GIB, disk(user), "the root volume is the flavor's disk, not charged twice");
        assertEquals(List.of(Map.of("id", (int) root, "volumeId", (int) root, "serverId", (int) server,
                "device", "")), attached(user, server));
        as(user).get(attachments(server) + "/" + root).then().statusCode(200)
                .body("volumeAttachment.volumeId", equalTo((int) root));

        // the root cannot be detached, deleted or reassigned
        as(user).delete(attachments(server) + "/" + root).then().statusCode(400).body("badRequest.code",
                equalTo(400));
        as(user).delete(VOLUMES + "/" + root).then().statusCode(400);
        post(user, VOLUMES + "/" + root + "/action", Map.of("reassign", Map.of("project", user.uuid()))).then()
                .statusCode(409).body("conflict.message", equalTo("Cannot reassign: " + root + " is a system volume"));
        assertEquals("in_use", status(user, root));
    }

    /** The seed document's example: a volume moved from one server to another like a USB stick. */
    @Test
    void aUsbStickMovesFromOneServerToAnotherWithTheQuotaRightAtEveryStep() {
        TestUser user = ComputeTestSupport.newUser();
        long one = activeServer(user, "ext_archipelago");
        long two = activeServer(user, "ext_archipelago");
        assertEquals(20 * GIB, disk(user));

        long stick = createVolume(user, 2, null, one);
        JsonPath v = volume(user, stick);
        assertEquals("creating", v.getString("volume.status"));
        assertEquals(ARCHIPELAGO, v.getInt("volume.volume_type"), "the server flavor's type");
        assertEquals(22 * GIB, disk(user), "pending charge counts at once");
        awaitVolume(user, stick, "in_use");
        assertEquals(22 * GIB, disk(user));
        assertEquals(2, attached(user, one).size());
        assertEquals(List.of(ComputeTestSupport.server(user, one).getList("server.volumes").get(0), (int) stick),
                ComputeTestSupport.server(user, one).getList("server.volumes"));

        as(user).delete(attachments(one) + "/" + stick).then().statusCode(202);
        assertEquals("detaching", status(user, stick), "detaching right after the 202, as burnin checks");
        awaitVolume(user, stick, "available");
        assertEquals(List.of(), volume(user, stick).getList("volume.attachments"));
        assertEquals(1, attached(user, one).size());
        assertEquals(22 * GIB, disk(user), "detach changes no quota");

        post(user, attachments(two), Map.of("volumeAttachment", Map.of("volumeId", stick))).then().statusCode(202)
                .body("volumeAttachment.id", equalTo((int) stick)).body("volumeAttachment.serverId", equalTo((int) two))
                .body("volumeAttachment.volumeId", equalTo((int) stick));
        assertEquals("attaching", status(user, stick));
        v = awaitVolume(user, stick, "in_use");
        assertEquals((int) two, v.getInt("volume.attachments[0].server_id"));
        assertEquals(1, v.getInt("volume.attachments[0].device_index"));
        assertEquals(2, attached(user, two).size());
        assertTrue(ComputeTestSupport.server(user, two).getList("server.volumes").contains((int) stick));
        assertEquals(22 * GIB, disk(user));

        // in use: cannot be attached elsewhere
        post(user, attachments(one), Map.of("volumeAttachment", Map.of("volumeId", stick))).then().statusCode(400)
                .body("badRequest.code", equalTo(400));
        // deleting an attached volume: deleting at once, deleted when the job ends, quota given back then
        as(user).delete(VOLUMES + "/" + stick).then().statusCode(202);
        assertEquals("deleting", status(user, stick));
        awaitVolume(user, stick, "deleted");
        awaitDisk(user, 20 * GIB);
        assertEquals(1, attached(user, two).size());
    }

    /**
     * While a disk job runs on a server its view says so in {@code SNF:task_state}; the hang key keeps the job
     * running so the state can be seen without a race.
     */
    @Test
    void theServerShowsAttachingAndDetachingVolumeWhileThoseJobsRun() {
        TestUser user = ComputeTestSupport.newUser();
        long one = activeServer(user, "ext_archipelago");
        long two = activeServer(user, "ext_archipelago");
        long stick = createVolume(user, 1, ARCHIPELAGO, null);
        post(user, attachments(one), Map.of("volumeAttachment", Map.of("volumeId", stick))).then().statusCode(202);
        awaitVolume(user, stick, "in_use");
        assertEquals("", taskState(user, one), "no task once the attach job ended");

        hang(user, stick);
        as(user).delete(attachments(one) + "/" + stick).then().statusCode(202);
        assertEquals("DETACHING_VOLUME", taskState(user, one));
        assertEquals("ACTIVE", ComputeTestSupport.server(user, one).getString("server.status"));
        as(user).get("/compute/v2.0/servers/detail").then().statusCode(200)
                .body("servers.find { it.id == " + one + " }.'SNF:task_state'", equalTo("DETACHING_VOLUME"));

        long other = createVolume(user, 1, ARCHIPELAGO, null);
        hang(user, other);
        post(user, attachments(two), Map.of("volumeAttachment", Map.of("volumeId", other))).then().statusCode(202);
        assertEquals("ATTACHING_VOLUME", taskState(user, two));
        assertEquals("attaching", status(user, other));
    }

    private static String taskState(TestUser user, long server) {
        return ComputeTestSupport.server(user, server).getString("server.'SNF:task_state'");
    }

    /** The simulated backend never finishes a job on a volume carrying the hang key. */
    private static void hang(TestUser user, long volume) {
        post(user, VOLUMES + "/" + volume + "/metadata", Map.of("metadata", Map.of("nefos:hang-build", "")))
                .then().statusCode(200);
    }

    @Test
    void aNonDetachableVolumeCreatedWithItsServerCannotBeDetachedButCanBeDeleted() {
        TestUser user = ComputeTestSupport.newUser();
        long server = activeServer(user, "drbd");
        long vol = createVolume(user, 1, null, server);
        JsonPath v = awaitVolume(user, vol, "in_use");
        assertEquals(VolumeTestSupport.DRBD, v.getInt("volume.volume_type"));
        assertEquals(2, attached(user, server).size());
        awaitDisk(user, 11 * GIB);
        as(user).delete(attachments(server) + "/" + vol).then().statusCode(400)
                .body("badRequest.message", equalTo("Volume type 'drbd' is not detachable."));
        assertEquals("in_use", status(user, vol));
        as(user).delete(VOLUMES + "/" + vol).then().statusCode(202);
        assertEquals("deleting", status(user, vol));
        awaitVolume(user, vol, "deleted");
        awaitDisk(user, 10 * GIB);
    }

    @Test
    void attachRulesAnswer400Or404AndChangeNothing() {
        TestUser user = ComputeTestSupport.newUser();
        TestUser other = ComputeTestSupport.newUser();
        long ext = activeServer(user, "ext_archipelago");
        long drbd = activeServer(user, "drbd");
        long stick = createVolume(user, 1, ARCHIPELAGO, null);
        long foreign = createVolume(other, 1, ARCHIPELAGO, null);

        // someone else's volume is unknown (400 as upstream), someone else's server absent (404)
        post(user, attachments(ext), Map.of("volumeAttachment", Map.of("volumeId", foreign))).then()
                .statusCode(400).body("badRequest.message", equalTo("Volume " + foreign + " not found."));
        post(other, attachments(ext), Map.of("volumeAttachment", Map.of("volumeId", foreign))).then()
                .statusCode(404);
        as(other).get(attachments(ext)).then().statusCode(404);
        // disk template families must match
        post(user, attachments(drbd), Map.of("volumeAttachment", Map.of("volumeId", stick))).then().statusCode(400);
        post(user, attachments(ext), Map.of("volumeAttachment", Map.of("volumeId", "x"))).then().statusCode(400);
        post(user, attachments(ext), Map.of("volumeAttachment", Map.of())).then().statusCode(400);
        post(user, attachments(ext), Map.of()).then().statusCode(400);
        // not attached here
        as(user).get(attachments(ext) + "/" + stick).then().statusCode(400);
        as(user).delete(attachments(ext) + "/" + stick).then().statusCode(400);
        as(user).get(attachments(999999999)).then().statusCode(404);
        assertEquals("available", status(user, stick));
        assertEquals("available", status(other, foreign));

        // attaching twice: the second finds it attaching
        post(user, attachments(ext), Map.of("volumeAttachment", Map.of("volumeId", stick))).then().statusCode(202);
        post(user, attachments(ext), Map.of("volumeAttachment", Map.of("volumeId", stick))).then().statusCode(400);
        // detach while attaching: not yet in use
        as(user).delete(attachments(ext) + "/" + stick).then().statusCode(400);
        awaitVolume(user, stick, "in_use");
        // a STOPPED server takes disks too
        ComputeTestSupport.action(user, ext, Map.of("shutdown", Map.of()), 202);
        ComputeTestSupport.awaitStatus(user, ext, "STOPPED");
        as(user).delete(attachments(ext) + "/" + stick).then().statusCode(202);
        awaitVolume(user, stick, "available");
    }

    @Test
    void aFailedAttachRevertsTheVolumeToAvailable() {
        TestUser user = ComputeTestSupport.newUser();
        long server = activeServer(user, "ext_archipelago");
        long stick = createVolume(user, 1, ARCHIPELAGO, null);
        post(user, VOLUMES + "/" + stick + "/metadata", Map.of("metadata", Map.of("nefos:fail-build", "no disk")))
                .then().statusCode(200);
        post(user, attachments(server), Map.of("volumeAttachment", Map.of("volumeId", stick))).then().statusCode(202);
        assertEquals("attaching", status(user, stick));
        JsonPath v = awaitVolume(user, stick, "available");
        assertEquals(List.of(), v.getList("volume.attachments"));
        assertEquals(1, attached(user, server).size());
        assertEquals(11 * GIB, disk(user));
    }

    @Test
    void deletingAServerDeletesItsVolumesAndGivesBackTheirQuota() {
        TestUser user = ComputeTestSupport.newUser();
        long server = activeServer(user, "ext_archipelago");
        long root = ComputeTestSupport.server(user, server).getLong("server.volumes[0]");
        long extra = createVolume(user, 3, null, server);
        awaitVolume(user, extra, "in_use");
        awaitDisk(user, 13 * GIB);
        as(user).delete("/compute/v2.0/servers/" + server).then().statusCode(204);
        ComputeTestSupport.awaitStatus(user, server, "DELETED");
        assertEquals("deleted", status(user, root));
        assertEquals("deleted", status(user, extra));
        awaitDisk(user, 0);
        as(user).get(VOLUMES).then().body("volumes.size()", equalTo(0));
    }

    @Test
    void volumeJobsGoThroughTheServerCommandTopicAndFactsThroughTheVolumeTopic() throws Exception {
        TestUser user = ComputeTestSupport.newUser();
        long server = activeServer(user, "ext_archipelago");
        long stick = createVolume(user, 1, ARCHIPELAGO, null);
        post(user, attachments(server), Map.of("volumeAttachment", Map.of("volumeId", stick))).then().statusCode(202);
        awaitVolume(user, stick, "in_use");

        List<ConsumerRecord<String, byte[]>> commands = ComputeTestSupport.records(bootstrap,
                "compute.server.commands", Long.toString(server),
                l -> l.stream().anyMatch(r -> ComputeTestSupport.type(r).equals(EventCatalog.VOLUME_ATTACH.type())));
        ConsumerRecord<String, byte[]> attach = commands.stream()
                .filter(r -> ComputeTestSupport.type(r).equals(EventCatalog.VOLUME_ATTACH.type())).findFirst()
                .orElseThrow();
        VolumeCommand command = EventJson.mapper().readValue(CloudEvent.fromRecord(attach).data(),
                VolumeCommand.class);
        assertEquals(stick, command.volumeId());
        assertEquals(server, command.serverId());
        assertEquals("ATTACH", command.operation());
        assertEquals("ext_archipelago", command.diskTemplate());

        List<ConsumerRecord<String, byte[]>> facts = ComputeTestSupport.records(bootstrap, "compute.volume.events",
                Long.toString(stick), l -> l.stream().filter(r -> ComputeTestSupport.type(r)
                        .equals(EventCatalog.VOLUME_UPDATED.type())).count() >= 2);
        List<String> types = facts.stream().map(ComputeTestSupport::type).toList();
        assertEquals(EventCatalog.VOLUME_CREATED.type(), types.get(0));
        assertTrue(types.contains(EventCatalog.VOLUME_JOB_COMPLETED.type()), types.toString());
        List<VolumeChanged> changes = facts.stream()
                .filter(r -> ComputeTestSupport.type(r).equals(EventCatalog.VOLUME_UPDATED.type()))
                .map(r -> {
                    try {
                        return EventJson.mapper().readValue(CloudEvent.fromRecord(r).data(), VolumeChanged.class);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
        assertEquals("attaching", changes.get(0).newStatus());
        assertEquals("in_use", changes.get(1).newStatus());
        assertEquals(server, changes.get(1).serverId());
        assertEquals(user.uuid(), changes.get(1).userId());
    }
}
