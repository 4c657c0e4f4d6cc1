package org.nefos.gateway.grpc;

import jakarta.inject.Inject;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import oaktree.Common.Filter;
import oaktree.ImageOuterClass.Image;
import org.nefos.oaktree.v1.DownloadImageRequest;
import org.nefos.oaktree.v1.DownloadImageResponse;
import org.nefos.oaktree.v1.ImageTransferGrpc;
import org.nefos.oaktree.v1.UploadImageRequest;

/**
 * {@code oaktree.v1.ImageTransfer}: image bytes between a gRPC client and Pithos (storage-service), with
 * gRPC's own flow control on the client side and Vert.x back-pressure on the storage side, so that the
 * gateway holds at most a few chunks of an image at any time.
 *
 * <p>This service is written against grpc-java's stream observers, not Mutiny: the Mutiny bindings request
 * every incoming message at once and buffer them, which would put a whole upload in the gateway's memory.
 */
@GrpcService
public class ImageTransferService extends ImageTransferGrpc.ImageTransferImplBase {

    private final Resources resources;
    private final PithosImages pithos;

    @Inject
    public ImageTransferService(Resources resources, PithosImages pithos) {
        this.resources = resources;
        this.pithos = pithos;
    }

    @Override
    public StreamObserver<UploadImageRequest> uploadImage(StreamObserver<Image> responseObserver) {
        ServerCallStreamObserver<Image> call = (ServerCallStreamObserver<Image>) responseObserver;
        // the next message is asked for only when storage has taken the previous one
        call.disableAutoRequest();
        ImageUpload upload = new ImageUpload(call, CallerToken.current(), resources, pithos);
        call.request(1);
        return upload;
    }

    @Override
    public void downloadImage(DownloadImageRequest request, StreamObserver<DownloadImageResponse> responseObserver) {
        ServerCallStreamObserver<DownloadImageResponse> call =
                (ServerCallStreamObserver<DownloadImageResponse>) responseObserver;
        ImageDownload download = new ImageDownload(call);
        // both handlers must be set before this method returns
        call.setOnReadyHandler(download::clientReady);
        call.setOnCancelHandler(download::cancelled);
        if (request.getNameOrId().isEmpty()) {
            download.fail(GrpcErrors.invalid("name_or_id is required"));
            return;
        }
        Filter filter = Filter.newBuilder().setNameOrId(request.getNameOrId()).build();
        resources.caller(request.getLocation())
                .chain(c -> resources.registeredImages(c).map(all -> Listing.one(all, filter, "image"))
                        .chain(image -> pithos.open(c, image).invoke(response -> download.start(image, response))))
                .subscribe().with(ignored -> {
                }, failure -> download.fail(GrpcErrors.map(failure)));
    }
}
