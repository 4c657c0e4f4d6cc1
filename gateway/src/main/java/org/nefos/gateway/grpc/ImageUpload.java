package org.nefos.gateway.grpc;

import java.util.concurrent.atomic.AtomicBoolean;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import oaktree.ImageOuterClass.Image;
import org.nefos.oaktree.v1.ImageUploadHeader;
import org.nefos.oaktree.v1.UploadImageRequest;

/**
 * One UploadImage call: the header opens a PUT of the object on storage, each chunk is written to it and the
 * next one is requested from the client only once storage's write queue has room (gRPC flow control on one
 * side, Vert.x back-pressure on the other). When the client half-closes the PUT is ended; once storage has
 * stored the object it is registered with Plankton and the image is the answer. Any failure or a cancel
 * resets the PUT (storage then keeps nothing), and a failed registration removes the stored object.
 */
final class ImageUpload implements StreamObserver<UploadImageRequest> {

    private final ServerCallStreamObserver<Image> call;
    private final String token;
    private final Resources resources;
    private final PithosImages pithos;
    private final AtomicBoolean finished = new AtomicBoolean();

    private volatile ImageUploadHeader header;
    private volatile Caller caller;
    private volatile HttpClientRequest put;
    /** Bytes received so far; only onNext (called one message at a time) changes it. */
    private long received;

    ImageUpload(ServerCallStreamObserver<Image> call, String token, Resources resources, PithosImages pithos) {
        this.call = call;
        this.token = token;
        this.resources = resources;
        this.pithos = pithos;
    }

    @Override
    public void onNext(UploadImageRequest message) {
        if (finished.get()) {
            return;
        }
        if (header == null) {
            if (message.getPartCase() != UploadImageRequest.PartCase.HEADER) {
                fail(GrpcErrors.invalid("The first message of an upload must be its header"));
                return;
            }
            header = message.getHeader();
            begin();
            return;
        }
        if (message.getPartCase() != UploadImageRequest.PartCase.CHUNK) {
            fail(GrpcErrors.invalid("Only the first message of an upload is a header"));
            return;
        }
        received += message.getChunk().size();
        if (header.getSize() > 0 && received > header.getSize()) {
            fail(GrpcErrors.invalid("More bytes than the header's size " + header.getSize()));
            return;
        }
        HttpClientRequest request = put;
        request.write(Buffer.buffer(message.getChunk().toByteArray()));
        if (request.writeQueueFull()) {
            request.drainHandler(v -> call.request(1));
        } else {
            call.request(1);
        }
    }

    /** Verifies the caller, makes sure the container exists and opens the PUT; then asks for the first chunk. */
    private void begin() {
        try {
            PithosImages.check(header);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        String container = PithosImages.container(header);
        String object = PithosImages.object(header);
        resources.caller(token, header.getLocation())
                .invoke(c -> caller = c)
                .chain(c -> pithos.ensureContainer(c, container))
                .chain(() -> pithos.openPut(caller, container, object, header.getSize()))
                .subscribe().with(request -> {
                    put = request;
                    request.response().onSuccess(this::stored)
                            .onFailure(t -> fail(GrpcErrors.of(io.grpc.Status.UNAVAILABLE,
                                    "storage-service broke off the upload: " + t.getMessage())));
                    if (finished.get()) {
                        request.reset();
                    } else {
                        call.request(1);
                    }
                }, this::fail);
    }

    @Override
    public void onCompleted() {
        if (finished.get()) {
            return;
        }
        if (put == null) {
            fail(GrpcErrors.invalid("An upload needs a header and its bytes"));
            return;
        }
        if (header.getSize() > 0 && received != header.getSize()) {
            fail(GrpcErrors.invalid("Received " + received + " bytes, the header said " + header.getSize()));
            return;
        }
        put.end();
    }

    /** Storage's answer: 201 when the object is stored (only after end), a fault otherwise (possibly early). */
    private void stored(HttpClientResponse response) {
        PithosImages.ok(response).onFailure(this::fail).onSuccess(ok -> {
            if (finished.get()) {
                return;
            }
            String container = PithosImages.container(header);
            String object = PithosImages.object(header);
            pithos.register(caller, header, container, object).chain(id -> pithos.registered(caller, id))
                    .subscribe().with(this::succeed, failure -> {
                        pithos.deleteQuietly(caller, container, object);
                        fail(failure);
                    });
        });
    }

    /** The client cancelled or its stream broke: nothing may be stored. */
    @Override
    public void onError(Throwable t) {
        if (finished.compareAndSet(false, true)) {
            reset();
        }
    }

    private void succeed(Image image) {
        if (finished.compareAndSet(false, true)) {
            call.onNext(image);
            call.onCompleted();
        }
    }

    private void fail(Throwable t) {
        if (finished.compareAndSet(false, true)) {
            reset();
            call.onError(GrpcErrors.map(t));
        }
    }

    private void reset() {
        HttpClientRequest request = put;
        if (request != null) {
            request.reset();
        }
    }
}
