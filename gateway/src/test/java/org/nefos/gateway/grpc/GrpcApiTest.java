package org.nefos.gateway.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import oaktree.Common.Filter;
import oaktree.Common.Location;
import oaktree.Common.Project;
import oaktree.FlavorOuterClass.Flavor;
import oaktree.FlavorOuterClass.FlavorList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nefos.oaktree.v1.CreateKeypairRequest;
import org.nefos.oaktree.v1.CreateServerRequest;
import org.nefos.oaktree.v1.CreateVolumeRequest;
import org.nefos.oaktree.v1.DeleteRequest;
import org.nefos.oaktree.v1.OaktreeGrpc;
import org.nefos.oaktree.v1.Server;
import org.nefos.oaktree.v1.Volume;
import org.nefos.oaktree.v1.VolumeList;
import org.nefos.oaktree.v1.WaitForServerRequest;
import org.nefos.oaktree.v1.WatchServerRequest;

/**
 * The gRPC API with a real grpc-java client on the gateway's HTTP port: authentication, request validation
 * (which needs no backend: network is unreachable here, so a request that got past validation would be
 * UNAVAILABLE), Get/List semantics and the mapping of service answers, against a fixed fake compute.
 */
@QuarkusTest
@WithTestResource(value = FakeCompute.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class GrpcApiTest {

    @TestHTTPResource("/")
    URL gateway;

    ManagedChannel channel;
    String token;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress(gateway.getHost(), gateway.getPort()).usePlaintext().build();
        token = "good-" + UUID.randomUUID();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private <S extends AbstractStub<S>> S with(S stub, String key, String value) {
        Metadata md = new Metadata();
        md.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md)).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    private OaktreeGrpc.OaktreeBlockingStub v1() {
        return with(OaktreeGrpc.newBlockingStub(channel), "x-auth-token", token);
    }

    private org.openstack.infra.oaktree.OaktreeGrpc.OaktreeBlockingStub legacy() {
        return with(org.openstack.infra.oaktree.OaktreeGrpc.newBlockingStub(channel), "authorization", "Bearer " + token);
    }

    private static Filter.Builder filter() {
        return Filter.newBuilder();
    }

    private static StatusRuntimeException failure(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run);
    }

    private static Status.Code code(Runnable call) {
        return failure(call).getStatus().getCode();
    }

    private String user() {
        return "user-" + token.substring("good-".length());
    }

    @Test
    void aCallWithoutAValidTokenIsUnauthenticated() {
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> OaktreeGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS).listVolumes(filter().build())));
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> with(OaktreeGrpc.newBlockingStub(channel), "x-auth-token",
                "refused-token").listVolumes(filter().build())));
        assertEquals(Status.Code.UNAUTHENTICATED, code(() -> with(OaktreeGrpc.newBlockingStub(channel), "authorization",
                "Basic " + token).listVolumes(filter().build())));
        assertEquals(Status.Code.UNAVAILABLE, code(() -> with(OaktreeGrpc.newBlockingStub(channel), "x-auth-token",
                "down-" + UUID.randomUUID()).listVolumes(filter().build())), "identity answering 503");
    }

    @Test
    void malformedRequestsAreInvalidArgumentBeforeAnyServiceIsAsked() {
        // network-service is unreachable in this test: only a rejected request can avoid UNAVAILABLE
        assertEquals(Status.Code.UNAVAILABLE, code(() -> v1().listNetworks(filter().build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().listNetworks(filter().setPageSize(1001).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().listNetworks(filter().setPageToken("bogus!").build())));
        String notOurs = Base64.getUrlEncoder().encodeToString("before:12".getBytes(StandardCharsets.UTF_8));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().listNetworks(filter().setPageToken(notOurs).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().listNetworks(filter().setJmespath("[?a]").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().getNetwork(filter().setJmespath("[0]").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().createServer(CreateServerRequest.newBuilder()
                .setName("no-flavor").setImageId("x").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().createKeypair(CreateKeypairRequest.newBuilder()
                .build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().deleteFloatingIP(DeleteRequest.newBuilder().build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().createVolume(CreateVolumeRequest.newBuilder()
                .setName("empty").setSize(0).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().createVolume(CreateVolumeRequest.newBuilder()
                .setSize(1).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().createVolume(CreateVolumeRequest.newBuilder()
                .setName("v").setSize(1).setServerId("../servers").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().createVolume(CreateVolumeRequest.newBuilder()
                .setName("v").setSize(1).setVolumeTypeId("drbd").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().waitForServer(WaitForServerRequest.newBuilder()
                .setId("1").setTimeoutSeconds(901).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().waitForServer(WaitForServerRequest.newBuilder()
                .setId("1").addStatuses(Server.Status.STATUS_UNSPECIFIED).build())));
        Location byName = Location.newBuilder().setProject(Project.newBuilder().setName("mine")).build();
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1().listVolumes(filter().setLocation(byName).build())));
    }

    @Test
    void locationSelectsOnlyThisCloudAndTheCallersProjects() {
        Location otherProject = Location.newBuilder().setProject(Project.newBuilder().setId(UUID.randomUUID().toString()))
                .build();
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> v1().listVolumes(filter().setLocation(otherProject).build())));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> v1().createVolume(CreateVolumeRequest.newBuilder()
                .setLocation(otherProject).setName("v").setSize(1).build())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> legacy().listFlavors(filter()
                .setLocation(Location.newBuilder().setCloud("elsewhere")).build())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> legacy().listFlavors(filter()
                .setLocation(Location.newBuilder().setRegion("mars")).build())));
        Location mine = Location.newBuilder().setCloud("nefos").setRegion("default")
                .setProject(Project.newBuilder().setId(user())).build();
        assertEquals(3, v1().listVolumes(filter().setLocation(mine).build()).getVolumesCount());
    }

    @Test
    void flavorsAreOrderedByNumericIdAndPagedByToken() {
        FlavorList all = legacy().listFlavors(filter().build());
        assertEquals(List.of("1", "2", "10", "11"), all.getFlavorsList().stream().map(Flavor::getId).toList());
        assertEquals("", all.getNextPageToken());
        for (Flavor f : all.getFlavorsList()) {
            assertEquals("nefos", f.getLocation().getCloud());
            assertEquals("default", f.getLocation().getRegion());
            assertEquals(user(), f.getLocation().getProject().getId());
        }
        List<String> walked = new ArrayList<>();
        String next = "";
        do {
            FlavorList page = legacy().listFlavors(filter().setPageSize(3).setPageToken(next).build());
            page.getFlavorsList().forEach(f -> walked.add(f.getId()));
            next = page.getNextPageToken();
        } while (!next.isEmpty());
        assertEquals(List.of("1", "2", "10", "11"), walked);
        assertEquals(List.of("10", "11"), legacy().listFlavors(filter().setPageToken(legacy().listFlavors(filter()
                .setPageSize(2).build()).getNextPageToken()).build()).getFlavorsList().stream().map(Flavor::getId).toList());
    }

    @Test
    void getAnswersExactlyOneMatch() {
        assertEquals("medium", legacy().getFlavor(filter().setNameOrId("2").build()).getName());
        assertEquals("2", legacy().getFlavor(filter().setNameOrId("medium").build()).getId());
        assertEquals("10", legacy().getFlavor(filter().setNameOrId("large").putFilter("disabled", "false").build()).getId());
        assertEquals("11", legacy().getFlavor(filter().putFilter("vcpus", "8").build()).getId());
        StatusRuntimeException ambiguous = failure(() -> legacy().getFlavor(filter().setNameOrId("large").build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, ambiguous.getStatus().getCode());
        assertTrue(ambiguous.getStatus().getDescription().contains("give an id"), ambiguous.getStatus().getDescription());
        assertEquals(Status.Code.NOT_FOUND, code(() -> legacy().getFlavor(filter().setNameOrId("huge").build())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> v1().deleteVolume(DeleteRequest.newBuilder()
                .setNameOrId("no-such-volume").build())));
        assertEquals(List.of("11"), legacy().listFlavors(filter().putFilter("SNF:allow_create", "false").build())
                .getFlavorsList().stream().map(Flavor::getId).toList(), "a properties entry filters too");
    }

    @Test
    void volumesCarryCycladesFieldsStatusesAndTheirAttachment() {
        VolumeList all = v1().listVolumes(filter().build());
        assertEquals(List.of("7", "8", "9"), all.getVolumesList().stream().map(Volume::getId).toList());
        Volume attached = all.getVolumes(0);
        assertEquals("data", attached.getName());
        assertEquals(Volume.Status.IN_USE, attached.getStatus());
        assertEquals("42", attached.getServerId());
        assertEquals(1, attached.getDeviceIndex());
        assertEquals(2, attached.getSize());
        assertEquals("1", attached.getVolumeTypeId());
        assertEquals("test", attached.getMetadataOrThrow("role"));
        assertEquals("kept", attached.getPropertiesOrThrow("SNF:extra"));
        assertEquals(user(), attached.getOwner());
        assertEquals(user(), attached.getLocation().getProject().getId());
        assertTrue(attached.getDeleteOnTermination());
        assertEquals(1_796_119_200L, attached.getCreatedAt().getSeconds());
        assertEquals(Volume.Status.UNKNOWN, all.getVolumes(2).getStatus(), "a status the API does not know");
        assertEquals("8", v1().getVolume(filter().putFilter("status", "AVAILABLE").build()).getId());
        assertEquals("7", v1().getVolume(filter().putFilter("server_id", "42").build()).getId());
        assertEquals(Status.Code.FAILED_PRECONDITION, code(() -> v1().createVolume(CreateVolumeRequest.newBuilder()
                .setName("detached").setSize(1).build())), "no detachable type offered");
    }

    @Test
    void serviceFaultsBecomeCanonicalCodesWithTheFaultMessage() {
        StatusRuntimeException quota = failure(() -> v1().createServer(CreateServerRequest.newBuilder().setName("s")
                .setFlavorId("1").setImageId("img").build()));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, quota.getStatus().getCode());
        assertEquals("Resource Limit Exceeded for your account.", quota.getStatus().getDescription());
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> v1().listServers(filter().build())));
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> v1().getServer(filter().setNameOrId("1").build())));
        assertEquals(Status.Code.INTERNAL, code(() -> legacy().listImages(filter().build())));
        assertEquals(Status.Code.UNAVAILABLE, code(() -> v1().listNetworks(filter().build())));
        assertEquals(Status.Code.UNAVAILABLE, code(() -> v1().watchServer(WatchServerRequest.newBuilder().setId("1")
                .build()).hasNext()), "no event feed in this test");
    }
}
