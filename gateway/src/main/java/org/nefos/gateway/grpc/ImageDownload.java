package org.nefos.gateway.grpc;

import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import oaktree.ImageOuterClass.Image;
import org.nefos.oaktree.v1.DownloadImageResponse;

/**
 * One DownloadImage call: the image first, then the object's bytes as storage sends them. Storage's response
 * is paused whenever the client's stream is not ready and resumed when gRPC says it is again, so the gateway
 * holds at most what is in flight. A cancel by the client resets the request to storage.
 */
final class ImageDownload {

    /** No message is larger than this (gRPC's default limit on a message a client accepts is 4 MiB). */
    static final int MAX_CHUNK = 1024 * 1024;

    private final ServerCallStreamObserver<DownloadImageResponse> call;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile HttpClientResponse response;

    ImageDownload(ServerCallStreamObserver<DownloadImageResponse> call) {
        this.call = call;
    }

    void start(Image image, HttpClientResponse from) {
        if (finished.get()) {
            from.request().reset();
            return;
        }
        response = from;
        call.onNext(DownloadImageResponse.newBuilder().setImage(image).build());
        from.handler(this::send);
        from.exceptionHandler(t -> fail(GrpcErrors.of(Status.UNAVAILABLE,
                "storage-service broke off the download: " + t.getMessage())));
        from.endHandler(v -> {
            if (finished.compareAndSet(false, true)) {
                call.onCompleted();
            }
        });
        clientReady();
    }

    private void send(Buffer bytes) {
        if (finished.get()) {
            return;
        }
        for (int at = 0; at < bytes.length(); at += MAX_CHUNK) {
            Buffer part = bytes.getBuffer(at, Math.min(bytes.length(), at + MAX_CHUNK));
            call.onNext(DownloadImageResponse.newBuilder().setChunk(ByteString.copyFrom(part.getBytes())).build());
        }
        if (!call.isReady()) {
            response.pause();
        }
    }

    /** gRPC's on-ready: the client can take more. */
    void clientReady() {
        HttpClientResponse from = response;
        if (from != null && !finished.get() && call.isReady()) {
            from.resume();
        }
    }

    void cancelled() {
        if (finished.compareAndSet(false, true)) {
            HttpClientResponse from = response;
            if (from != null) {
                from.request().reset();
            }
        }
    }

    void fail(Throwable t) {
        if (finished.compareAndSet(false, true)) {
            HttpClientResponse from = response;
            if (from != null) {
                from.request().reset();
            }
            call.onError(GrpcErrors.map(t));
        }
    }
}
