package org.nefos.image.cloudkeeper;

import java.security.MessageDigest;
import java.util.HexFormat;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.nefos.image.cloudkeeper.CloudkeeperErrors.Kind;

/**
 * Passes an image's bytes through unchanged (pause, resume and fetch reach the source, so back-pressure
 * holds) while hashing and counting them. More bytes than announced, or an end before the announced size,
 * fails the stream instead of ending it, so the upload it feeds is reset rather than committed.
 */
final class DigestingStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final MessageDigest digest;
    private final long expectedSize;
    private long count;
    private Throwable failure;
    private Handler<Throwable> exceptionHandler;
    private Handler<Void> endHandler;

    DigestingStream(ReadStream<Buffer> source, MessageDigest digest, long expectedSize) {
        this.source = source;
        this.digest = digest;
        this.expectedSize = expectedSize;
        source.exceptionHandler(this::fail);
    }

    /** Hex of the digest over what passed; only meaningful once the stream ended. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    long count() {
        return count;
    }

    @Override
    public DigestingStream exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public DigestingStream handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (failure != null) {
                return;
            }
            count += chunk.length();
            if (count > expectedSize) {
                fail(CloudkeeperErrors.error(Kind.CORRUPT_APPLIANCE_TRANSFER,
                        "the image is larger than the announced size of " + expectedSize + " bytes"));
                return;
            }
            digest.update(chunk.getByteBuf().nioBuffer());
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public DigestingStream pause() {
        source.pause();
        return this;
    }

    @Override
    public DigestingStream resume() {
        source.resume();
        return this;
    }

    @Override
    public DigestingStream fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public DigestingStream endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        source.endHandler(handler == null ? null : v -> {
            if (failure != null) {
                return;
            }
            if (count != expectedSize) {
                fail(CloudkeeperErrors.error(Kind.CORRUPT_APPLIANCE_TRANSFER, "the image has " + count
                        + " bytes, not the announced " + expectedSize));
                return;
            }
            endHandler.handle(null);
        });
        return this;
    }

    private void fail(Throwable t) {
        if (failure != null) {
            return;
        }
        failure = t;
        source.handler(null);
        if (exceptionHandler != null) {
            exceptionHandler.handle(t);
        }
    }

    /** Why the stream failed (a size mismatch, or the source's own error); null while it has not. */
    Throwable failure() {
        return failure;
    }
}
