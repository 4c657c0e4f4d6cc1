package org.nefos.storage.streaming;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import org.nefos.platform.fault.FaultException;
import org.nefos.storage.blockstore.BlockPatcher;

/**
 * Streams the body of a partial update onto an object's blocks: the body is cut at the object's block
 * boundaries starting from {@code offset}; each piece is laid over the old block and stored on a worker
 * thread (up to {@code parallelism} at once, the request paused meanwhile). Memory stays bounded by
 * {@code parallelism + 1} blocks; nothing becomes visible until the caller commits the new hashmap.
 */
final class PatchStream {

    /** The patched blocks (index → hash) and the number of body bytes written. */
    record Result(Map<Integer, String> patched, long length) {
    }

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final BlockPatcher patcher;
    private final List<String> blocks;
    private final long maxBytes;
    private final int parallelism;
    private final int blockSize;
    private final Promise<Result> done = Promise.promise();
    private final Map<Integer, String> patched = new ConcurrentHashMap<>();

    private long position;
    private long length;
    private byte[] piece;
    private int pieceStart;
    private int fill;
    private int inFlight;
    private boolean ended;
    private boolean failed;

    PatchStream(Vertx vertx, HttpServerRequest request, BlockPatcher patcher, List<String> blocks, long offset,
            long maxBytes, int parallelism) {
        this.vertx = vertx;
        this.request = request;
        this.patcher = patcher;
        this.blocks = blocks;
        this.position = offset;
        this.maxBytes = maxBytes;
        this.parallelism = Math.max(1, parallelism);
        this.blockSize = patcher.blockSize();
    }

    Future<Result> run() {
        startPiece();
        request.handler(this::onChunk);
        request.exceptionHandler(this::fail);
        request.endHandler(v -> {
            ended = true;
            if (fill > 0) {
                submit();
            }
            maybeFinish();
        });
        request.resume();
        return done.future();
    }

    private void startPiece() {
        pieceStart = (int) (position % blockSize);
        piece = new byte[blockSize - pieceStart];
        fill = 0;
    }

    private void onChunk(Buffer chunk) {
        if (failed) {
            return;
        }
        length += chunk.length();
        if (length > maxBytes) {
            fail(FaultException.badRequest("Request body too large: at most " + maxBytes + " bytes"));
            return;
        }
        int pos = 0;
        while (pos < chunk.length()) {
            int n = Math.min(piece.length - fill, chunk.length() - pos);
            chunk.getBytes(pos, pos + n, piece, fill);
            fill += n;
            pos += n;
            if (fill == piece.length) {
                submit();
            }
        }
    }

    private void submit() {
        byte[] data = piece;
        int n = fill;
        int at = pieceStart;
        int index = (int) (position / blockSize);
        position += n;
        startPiece();
        inFlight++;
        if (inFlight >= parallelism) {
            request.pause();
        }
        vertx.executeBlocking(() -> patched.put(index, patcher.patch(blocks, index, at, data, 0, n)), false)
                .onComplete(ar -> {
                    inFlight--;
                    if (ar.failed()) {
                        fail(ar.cause());
                        return;
                    }
                    if (!ended && !failed && inFlight < parallelism) {
                        request.resume();
                    }
                    maybeFinish();
                });
    }

    private void maybeFinish() {
        if (ended && inFlight == 0 && !failed) {
            done.tryComplete(new Result(Map.copyOf(patched), length));
        }
    }

    private void fail(Throwable t) {
        if (!failed) {
            failed = true;
            done.tryFail(t);
        }
    }
}
