package org.nefos.storage.streaming;

import java.util.Iterator;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.nefos.storage.blockstore.BlockStore;

/**
 * Writes object bytes to a response block by block: each block is read on a worker thread, padded with
 * zeros to the block size as Pithos stores them, sliced to the requested window and written; the next
 * block is read only when the response's write queue has room (back-pressure from the client).
 */
public final class DownloadStream {

    /** A window {@code [from, from+length)} of one object's hashmap, optionally preceded by literal text. */
    public record Part(String preamble, List<String> hashes, long from, long length) {
    }

    private final Vertx vertx;
    private final BlockStore store;
    private final int blockSize;

    public DownloadStream(Vertx vertx, BlockStore store, int blockSize) {
        this.vertx = vertx;
        this.store = store;
        this.blockSize = blockSize;
    }

    /** Writes every part and then {@code trailer} (may be null); does not end the response. */
    public Future<Void> write(HttpServerResponse response, List<Part> parts, String trailer) {
        Promise<Void> done = Promise.promise();
        Iterator<Part> it = parts.iterator();
        nextPart(response, it, trailer, done);
        return done.future();
    }

    private void nextPart(HttpServerResponse response, Iterator<Part> it, String trailer, Promise<Void> done) {
        if (!it.hasNext()) {
            if (trailer != null) {
                response.write(trailer);
            }
            done.tryComplete();
            return;
        }
        Part part = it.next();
        if (part.preamble() != null) {
            response.write(part.preamble());
        }
        nextBlock(response, part, part.from(), () -> nextPart(response, it, trailer, done), done);
    }

    private void nextBlock(HttpServerResponse response, Part part, long position, Runnable partDone,
            Promise<Void> done) {
        long end = part.from() + part.length();
        if (position >= end) {
            partDone.run();
            return;
        }
        if (response.closed()) {
            done.tryFail("client closed the connection");
            return;
        }
        int index = (int) (position / blockSize);
        int offset = (int) (position % blockSize);
        int length = (int) Math.min(blockSize - offset, end - position);
        vertx.executeBlocking(() -> slice(part.hashes().get(index), offset, length), false).onComplete(ar -> {
            if (ar.failed()) {
                done.tryFail(ar.cause());
                return;
            }
            response.write(ar.result());
            long next = position + length;
            if (response.writeQueueFull()) {
                response.drainHandler(v -> {
                    response.drainHandler(null);
                    nextBlock(response, part, next, partDone, done);
                });
            } else {
                nextBlock(response, part, next, partDone, done);
            }
        });
    }

    private Buffer slice(String hash, int offset, int length) {
        byte[] stored = store.get(hash);
        if (offset == 0 && length == stored.length) {
            return Buffer.buffer(stored);
        }
        byte[] out = new byte[length];
        if (offset < stored.length) {
            System.arraycopy(stored, offset, out, 0, Math.min(length, stored.length - offset));
        }
        return Buffer.buffer(out);
    }
}
