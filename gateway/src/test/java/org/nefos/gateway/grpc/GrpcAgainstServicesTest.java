package org.nefos.gateway.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import oaktree.Common.Filter;
import oaktree.Common.Location;
import oaktree.Common.Project;
import oaktree.FlavorOuterClass.Flavor;
import oaktree.ImageOuterClass.Image;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nefos.oaktree.v1.CreateServerRequest;
import org.nefos.oaktree.v1.DeleteRequest;
import org.nefos.oaktree.v1.DownloadImageRequest;
import org.nefos.oaktree.v1.DownloadImageResponse;
import org.nefos.oaktree.v1.ImageTransferGrpc;
import org.nefos.oaktree.v1.ImageUploadHeader;
import org.nefos.oaktree.v1.OaktreeGrpc;
import org.nefos.oaktree.v1.Server;
import org.nefos.oaktree.v1.ServerEvent;
import org.nefos.oaktree.v1.ServerList;
import org.nefos.oaktree.v1.UploadImageRequest;
import org.nefos.oaktree.v1.WaitForServerRequest;
import org.nefos.oaktree.v1.WatchServerRequest;
import org.nefos.testing.IdentityServer.TestUser;
import org.nefos.testing.ServiceStackResource;

/**
 * The gRPC API with a real grpc-java client on the gateway's HTTP port, against the real services started from
 * their jars (identity, compute with 0.3 s builds, network, image with its storage): a server created, watched
 * from BUILD to ACTIVE over the stream (the gateway's feed of compute's Kafka events), listed with a filter and
 * by pages, deleted; an image uploaded by client streaming into Pithos and downloaded back byte-identical; and
 * NOT_FOUND, PERMISSION_DENIED and INVALID_ARGUMENT where they belong, for a second user too.
 */
@QuarkusTest
@TestProfile(ServicesProfile.class)
class GrpcAgainstServicesTest {

    private static final int CHUNK = 64 * 1024;

    @TestHTTPResource("/")
    URL gateway;

    ManagedChannel channel;
    TestUser alice;
    TestUser bob;

    @BeforeEach
    void connect() throws Exception {
        channel = ManagedChannelBuilder.forAddress(gateway.getHost(), gateway.getPort()).usePlaintext().build();
        alice = ServiceStackResource.identity().createUser();
        bob = ServiceStackResource.identity().createUser();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    private <S extends AbstractStub<S>> S as(S stub, TestUser user) {
        Metadata md = new Metadata();
        md.put(Metadata.Key.of("x-auth-token", Metadata.ASCII_STRING_MARSHALLER), user.token());
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md)).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private OaktreeGrpc.OaktreeBlockingStub v1(TestUser user) {
        return as(OaktreeGrpc.newBlockingStub(channel), user);
    }

    private org.openstack.infra.oaktree.OaktreeGrpc.OaktreeBlockingStub legacy(TestUser user) {
        return as(org.openstack.infra.oaktree.OaktreeGrpc.newBlockingStub(channel), user);
    }

    private static Filter.Builder filter() {
        return Filter.newBuilder();
    }

    private static Status.Code code(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    @Test
    void serversAreBuiltWatchedListedByFilterAndPageAndDeleted() {
        Flavor flavor = legacy(alice).listFlavors(filter().putFilter("vcpus", "1").putFilter("disabled", "false")
                .build()).getFlavors(0);
        String image = ServiceStackResource.image().publicImageId();
        String prefix = "grpc-" + UUID.randomUUID().toString().substring(0, 8);
        Server first = v1(alice).createServer(CreateServerRequest.newBuilder().setName(prefix + "-a")
                .setFlavorId(flavor.getId()).setImageId(image).putMetadata("purpose", "watch").build());
        assertEquals(alice.uuid(), first.getLocation().getProject().getId());
        assertEquals("nefos", first.getLocation().getCloud());

        Iterator<ServerEvent> events = v1(alice).watchServer(WatchServerRequest.newBuilder().setId(first.getId()).build());
        ServerEvent current = events.next();
        assertEquals(ServerEvent.Kind.CURRENT, current.getKind());
        List<Server.Status> seen = new ArrayList<>(List.of(current.getNewStatus()));
        while (seen.get(seen.size() - 1) != Server.Status.ACTIVE) {
            ServerEvent change = events.next();
            assertEquals(ServerEvent.Kind.CHANGED, change.getKind());
            assertEquals(first.getId(), change.getServerId());
            assertTrue(change.getType().startsWith("org.nefos.compute.server."), change.getType());
            seen.add(change.getNewStatus());
        }
        assertEquals(Server.Status.BUILD, seen.get(0), "watched from the build on: " + seen);

        Server second = v1(alice).createServer(CreateServerRequest.newBuilder().setName(prefix + "-b")
                .setFlavorId(flavor.getId()).setImageId(image).build());
        assertEquals(Server.Status.ACTIVE, v1(alice).waitForServer(WaitForServerRequest.newBuilder()
                .setId(second.getId()).setTimeoutSeconds(60).build()).getStatus());

        // pages of one, in a stable order, with neither repeats nor gaps
        Set<String> paged = new LinkedHashSet<>();
        String token = "";
        int pages = 0;
        do {
            ServerList page = v1(alice).listServers(filter().putFilter("status", "ACTIVE").setPageSize(1)
                    .setPageToken(token).build());
            assertEquals(1, page.getServersCount(), "page " + pages);
            assertTrue(paged.add(page.getServers(0).getId()), "no repeats: " + paged);
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 5);
        assertEquals(Set.of(first.getId(), second.getId()), paged);
        ServerList byName = v1(alice).listServers(filter().putFilter("name", prefix + "-a").build());
        assertEquals(List.of(first.getId()), byName.getServersList().stream().map(Server::getId).toList());
        assertEquals("watch", byName.getServers(0).getMetadataOrThrow("purpose"));
        assertEquals(0, v1(alice).listServers(filter().putFilter("status", "STOPPED").build()).getServersCount());

        // another user sees none of it and cannot act on it
        assertEquals(0, v1(bob).listServers(filter().build()).getServersCount());
        assertEquals(Status.Code.NOT_FOUND, code(() -> v1(bob).getServer(filter().setNameOrId(first.getId()).build())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> v1(bob).deleteServer(DeleteRequest.newBuilder()
                .setNameOrId(first.getId()).build())));
        Location elsewhere = Location.newBuilder().setProject(Project.newBuilder().setId(alice.uuid())).build();
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> v1(bob).listServers(filter().setLocation(elsewhere)
                .build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1(alice).createServer(CreateServerRequest.newBuilder()
                .setName(prefix + "-c").setImageId(image).build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> v1(alice).listServers(filter().setPageToken("bogus!")
                .build())));

        v1(alice).deleteServer(DeleteRequest.newBuilder().setNameOrId(first.getId()).build());
        ServerEvent last;
        do {
            last = events.next();
        } while (last.getKind() != ServerEvent.Kind.DELETED);
        assertEquals(Server.Status.DELETED, last.getNewStatus());
        assertFalse(events.hasNext(), "the watch ends with the server");
        v1(alice).deleteServer(DeleteRequest.newBuilder().setNameOrId(second.getId()).build());
    }

    @Test
    void anImageIsUploadedByStreamingDownloadedByteIdenticalAndStaysTheOwners() throws Exception {
        byte[] data = new byte[2 * 1024 * 1024 + 4321];
        new Random(7).nextBytes(data);
        String name = "grpc-img-" + UUID.randomUUID();
        Image image = upload(alice, UploadImageRequest.newBuilder().setHeader(ImageUploadHeader.newBuilder()
                .setName(name).setContainer("images").setSize(data.length).putProperties("osfamily", "linux")).build(),
                data).get(120, TimeUnit.SECONDS);
        assertEquals(name, image.getName());
        assertEquals(data.length, image.getSize());
        assertEquals("pithos://" + alice.uuid() + "/images/" + name, image.getLocations(0));
        assertEquals("linux", image.getPropertiesOrThrow("properties.osfamily"));
        assertEquals(image.getId(), legacy(alice).getImage(filter().setNameOrId(name).build()).getId());

        assertArrayEquals(data, download(alice, name), "the bytes come back as they went up");

        // private to alice: bob can neither find nor fetch nor delete it
        assertEquals(Status.Code.NOT_FOUND, code(() -> legacy(bob).getImage(filter().setNameOrId(image.getId()).build())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> download(bob, image.getId())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> v1(bob).deleteImage(DeleteRequest.newBuilder()
                .setNameOrId(image.getId()).build())));
        // the public image is bob's to use, not to delete
        String publicImage = ServiceStackResource.image().publicImageId();
        assertEquals(publicImage, legacy(bob).getImage(filter().setNameOrId(publicImage).build()).getId());
        assertEquals(Status.Code.PERMISSION_DENIED, code(() -> v1(bob).deleteImage(DeleteRequest.newBuilder()
                .setNameOrId(publicImage).build())));

        // a body that does not match its declared size is refused and leaves no image
        String broken = "grpc-broken-" + UUID.randomUUID();
        ExecutionException refused = assertThrows(ExecutionException.class, () -> upload(alice,
                UploadImageRequest.newBuilder().setHeader(ImageUploadHeader.newBuilder().setName(broken)
                        .setSize(data.length + 1)).build(), data).get(60, TimeUnit.SECONDS));
        assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(refused.getCause()).getCode());
        assertEquals(Status.Code.NOT_FOUND, code(() -> legacy(alice).getImage(filter().setNameOrId(broken).build())));

        v1(alice).deleteImage(DeleteRequest.newBuilder().setNameOrId(name).build());
        assertEquals(Status.Code.NOT_FOUND, code(() -> legacy(alice).getImage(filter().setNameOrId(name).build())));
        assertEquals(Status.Code.NOT_FOUND, code(() -> download(alice, name)));
    }

    /** Streams {@code header}, then {@code data} in 64 KiB chunks; the answer, or the call's failure. */
    private CompletableFuture<Image> upload(TestUser user, UploadImageRequest header, byte[] data) {
        CompletableFuture<Image> answer = new CompletableFuture<>();
        StreamObserver<UploadImageRequest> up = as(ImageTransferGrpc.newStub(channel), user)
                .uploadImage(new StreamObserver<>() {
                    @Override
                    public void onNext(Image value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.complete(null);
                    }
                });
        up.onNext(header);
        for (int at = 0; at < data.length; at += CHUNK) {
            up.onNext(UploadImageRequest.newBuilder()
                    .setChunk(ByteString.copyFrom(data, at, Math.min(CHUNK, data.length - at))).build());
        }
        up.onCompleted();
        return answer;
    }

    /** The image's bytes as DownloadImage streams them (the first message describes the image). */
    private byte[] download(TestUser user, String nameOrId) {
        Iterator<DownloadImageResponse> down = as(ImageTransferGrpc.newBlockingStub(channel), user)
                .downloadImage(DownloadImageRequest.newBuilder().setNameOrId(nameOrId).build());
        DownloadImageResponse first = down.next();
        assertEquals(DownloadImageResponse.PartCase.IMAGE, first.getPartCase());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (down.hasNext()) {
            DownloadImageResponse part = down.next();
            assertEquals(DownloadImageResponse.PartCase.CHUNK, part.getPartCase());
            bytes.writeBytes(part.getChunk().toByteArray());
        }
        return bytes.toByteArray();
    }
}
