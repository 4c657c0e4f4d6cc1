package org.nefos.storage.streaming;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.nefos.platform.fault.FaultException;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.storage.blockstore.BlockStore;

/**
 * Reads a request body block by block as it arrives: each full block is hashed and stored on a worker
 * thread (up to {@code parallelism} blocks at once, so both cores hash) while the MD5 of the whole body
 * runs in order beside it. The request is paused while the pipeline is full, which back-pressures the
 * client; memory is bounded by {@code parallelism + 1} blocks whatever the body size. Blocks written by
 * an upload that fails later stay unreferenced in the store and are invisible.
 */
public final class UploadStream {

    /** What the body was: its block hashes in order, its size and its MD5 (hex). */
    public record Result(List<String> hashes, long size, String md5) {
    }

    private final Vertx vertx;
    private final ReadStream<Buffer> request;
    private final BlockStore store;
    private final BlockHasher hasher;
    private final int blockSize;
    private final long maxBytes;
    private final int parallelism;
    private final Promise<Result> done = Promise.promise();
    private final List<String> hashes = new ArrayList<>();
    private final MessageDigest md5;

    private byte[] block;
    private int fill;
    private long size;
    private int inFlight;
    private boolean ended;
    private boolean failed;
    private Future<Void> md5Chain = Future.succeededFuture();

    public UploadStream(Vertx vertx, ReadStream<Buffer> request, BlockStore store, BlockHasher hasher, int blockSize,
            long maxBytes, int parallelism) {
        this.vertx = vertx;
        this.request = request;
        this.store = store;
        this.hasher = hasher;
        this.blockSize = blockSize;
        this.maxBytes = maxBytes;
        this.parallelism = Math.max(1, parallelism);
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Consumes the (paused) request body; completes once every block is stored. */
    public Future<Result> run() {
        block = new byte[blockSize];
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

    private void onChunk(Buffer chunk) {
        if (failed) {
            return;
        }
        size += chunk.length();
        if (size > maxBytes) {
            fail(FaultException.badRequest("Request body too large: at most " + maxBytes + " bytes"));
            return;
        }
        int pos = 0;
        while (pos < chunk.length()) {
            int n = Math.min(blockSize - fill, chunk.length() - pos);
            chunk.getBytes(pos, pos + n, block, fill);
            fill += n;
            pos += n;
            if (fill == blockSize) {
                submit();
            }
        }
    }

    private void submit() {
        byte[] data = block;
        int length = fill;
        int index = hashes.size();
        hashes.add(null);
        block = new byte[blockSize];
        fill = 0;
        inFlight++;
        if (inFlight >= parallelism) {
            request.pause();
        }
        md5Chain = md5Chain.compose(v -> vertx.executeBlocking(() -> {
            md5.update(data, 0, length);
            return null;
        }, false));
        Future<Void> stored = vertx.executeBlocking(() -> {
            String hash = hasher.blockHash(data, 0, length);
            store.put(hash, data, length);
            hashes.set(index, hash);
            return null;
        }, false);
        Future.all(stored, md5Chain).onComplete(ar -> {
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
            md5Chain.onSuccess(v -> done.tryComplete(new Result(List.copyOf(hashes), size,
                    HexFormat.of().formatHex(md5.digest()))));
        }
    }

    private void fail(Throwable t) {
        if (!failed) {
            failed = true;
            done.tryFail(t);
        }
    }
}
