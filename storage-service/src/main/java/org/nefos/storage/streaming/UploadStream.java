package org.nefos.storage.streaming;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
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
 * Reads a request body block by block as it arrives. Each full block goes through two stages on worker
 * threads: hash and write (up to {@code parallelism} blocks at once, so both cores hash while the MD5 of
 * the whole body runs in order beside them), then fsync and rename (up to {@code 4 × parallelism} at once:
 * waiting for the disk holds a file, not a block buffer). The request is paused while either stage is
 * full, which back-pressures the client. Block buffers come from the {@link BlockBuffers} shared by all
 * uploads (the request also waits, paused, while none is free), so one upload holds at most
 * {@code parallelism + 1} blocks and all uploads together at most the shared capacity, whatever the body
 * sizes; the result completes only once every block is durable. Blocks written by an upload that fails later stay unreferenced in the store and are invisible.
 */
public final class UploadStream {

    /** What the body was: its block hashes in order, its size and its MD5 (hex). */
    public record Result(List<String> hashes, long size, String md5) {
    }

    private record Written(String hash, BlockStore.Staged staged) {
    }

    private final Vertx vertx;
    private final ReadStream<Buffer> request;
    private final BlockStore store;
    private final BlockHasher hasher;
    private final int blockSize;
    private final long maxBytes;
    private final int parallelism;
    private final int syncDepth;
    private final Promise<Result> done = Promise.promise();
    private final List<String> hashes = new ArrayList<>();
    private final BlockBuffers buffers;
    /** Body pieces that arrived while no block buffer was held (the request is paused meanwhile). */
    private final ArrayDeque<Buffer> backlog = new ArrayDeque<>();
    private final MessageDigest md5;

    private byte[] block;
    private int fill;
    private long size;
    /** Blocks whose buffer is still in use (hash, write or MD5 pending). */
    private int hashing;
    /** Blocks written whose fsync and rename are pending. */
    private int syncing;
    private boolean paused;
    private boolean ended;
    private boolean failed;
    private boolean finishing;
    private Future<Void> md5Chain = Future.succeededFuture();

    public UploadStream(Vertx vertx, ReadStream<Buffer> request, BlockStore store, BlockHasher hasher,
            BlockBuffers buffers, long maxBytes, int parallelism) {
        this.vertx = vertx;
        this.request = request;
        this.store = store;
        this.hasher = hasher;
        this.buffers = buffers;
        this.blockSize = buffers.blockSize();
        this.maxBytes = maxBytes;
        this.parallelism = Math.max(1, parallelism);
        this.syncDepth = 4 * this.parallelism;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Consumes the (paused) request body; completes once every block is stored. */
    public Future<Result> run() {
        request.handler(this::onChunk);
        request.exceptionHandler(this::fail);
        request.endHandler(v -> {
            ended = true;
            drain();
        });
        paused = true;
        nextBuffer();
        return done.future();
    }

    /** Asks the shared pool for the block to fill next; the body stays paused until it comes. */
    private void nextBuffer() {
        buffers.acquire(b -> {
            if (failed) {
                buffers.release(b);
                return;
            }
            block = b;
            fill = 0;
            drain();
            flow();
        });
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
        backlog.add(chunk);
        drain();
    }

    /** Copies waiting body pieces into blocks while a block buffer is held; at the end, submits the last. */
    private void drain() {
        while (block != null && !backlog.isEmpty() && !failed) {
            Buffer chunk = backlog.peek();
            int n = Math.min(blockSize - fill, chunk.length());
            chunk.getBytes(0, n, block, fill);
            fill += n;
            backlog.poll();
            if (n < chunk.length()) {
                backlog.addFirst(chunk.slice(n, chunk.length()));
            }
            if (fill == blockSize) {
                submit(!ended || !backlog.isEmpty());
            }
        }
        if (ended && backlog.isEmpty() && block != null && !failed) {
            if (fill > 0) {
                submit(false);
            } else {
                buffers.release(block);
                block = null;
            }
        }
        maybeFinish();
    }

    private void submit(boolean more) {
        byte[] data = block;
        int length = fill;
        int index = hashes.size();
        hashes.add(null);
        block = null;
        fill = 0;
        hashing++;
        if (more) {
            nextBuffer();
        }
        flow();
        md5Chain = md5Chain.compose(v -> vertx.executeBlocking(() -> {
            md5.update(data, 0, length);
            return null;
        }, false));
        Future<Written> written = vertx.executeBlocking(() -> {
            String hash = hasher.blockHash(data, 0, length);
            return new Written(hash, store.stage(hash, data, length));
        }, false);
        Future.all(written, md5Chain).onComplete(ar -> {
            hashing--;
            buffers.release(data);
            if (written.succeeded()) {
                hashes.set(index, written.result().hash());
                sync(written.result().staged());
            }
            if (ar.failed()) {
                fail(ar.cause());
                return;
            }
            flow();
            maybeFinish();
        });
    }

    private void sync(BlockStore.Staged staged) {
        syncing++;
        vertx.executeBlocking(() -> {
            staged.commit();
            return null;
        }, false).onComplete(ar -> {
            syncing--;
            if (ar.failed()) {
                fail(ar.cause());
                return;
            }
            flow();
            maybeFinish();
        });
    }

    /** Pauses the body while a stage is full, resumes it once both have room. */
    private void flow() {
        boolean full = hashing >= parallelism || syncing >= syncDepth || block == null;
        if (full && !paused) {
            paused = true;
            request.pause();
        } else if (!full && paused && !ended && !failed) {
            paused = false;
            request.resume();
        }
    }

    private void maybeFinish() {
        if (ended && hashing == 0 && syncing == 0 && block == null && backlog.isEmpty() && !failed && !finishing) {
            finishing = true;
            md5Chain.onSuccess(v -> done.tryComplete(new Result(List.copyOf(hashes), size,
                    HexFormat.of().formatHex(md5.digest()))));
        }
    }

    private void fail(Throwable t) {
        if (!failed) {
            failed = true;
            backlog.clear();
            if (block != null) {
                buffers.release(block);
                block = null;
            }
            done.tryFail(t);
        }
    }
}
