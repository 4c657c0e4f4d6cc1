package org.nefos.storage.streaming;

import java.util.Iterator;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.nefos.storage.blockstore.BlockStore;

/**
 * Writes object bytes to a response piece by piece (at most {@link #PIECE} bytes, within one block): each
 * piece is read on a worker thread straight from the block file into a pooled direct buffer, padded with
 * zeros as Pithos stores blocks, and handed to the socket without further copies; the buffer goes back to
 * the pool once written. The next piece is read only when the response's write queue has room
 * (back-pressure from the client), so memory is bounded by the write queue plus one piece.
 */
public final class DownloadStream {

    /** Bytes read and written at a time. */
    static final int PIECE = 1 << 20;
    /** Bytes queued on the response before reading pauses. */
    static final int QUEUE = 4 * PIECE;

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
        // room for the piece being sent and the next ones being read, so the socket never waits for the disk
        response.setWriteQueueMaxSize(QUEUE);
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
        int length = (int) Math.min(Math.min(blockSize - offset, PIECE), end - position);
        vertx.executeBlocking(() -> piece(part.hashes().get(index), offset, length), false).onComplete(ar -> {
            if (ar.failed()) {
                done.tryFail(ar.cause());
                return;
            }
            ByteBuf piece = ar.result();
            if (response.closed()) {
                piece.release();
                done.tryFail("client closed the connection");
                return;
            }
            response.write(Buffer.buffer(piece)).onComplete(written -> piece.release());
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

    /** {@code length} bytes of the block from {@code offset}, zero-padded, in a pooled direct buffer. */
    private ByteBuf piece(String hash, int offset, int length) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(length, length);
        try {
            int n = store.read(hash, offset, buf.nioBuffer(0, length));
            buf.setZero(n, length - n);
            buf.writerIndex(length);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
