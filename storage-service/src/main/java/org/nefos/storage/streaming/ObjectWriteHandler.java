package org.nefos.storage.streaming;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.storage.blockstore.BlockPatcher;
import org.nefos.storage.blockstore.BlockStore;
import org.nefos.storage.config.StorageConfig;
import org.nefos.storage.domain.Container;
import org.nefos.storage.domain.ContentRange;
import org.nefos.storage.domain.ObjectVersion;
import org.nefos.storage.domain.PithosPath;
import org.nefos.storage.domain.Preconditions;
import org.nefos.storage.domain.Sharing;
import org.nefos.storage.repository.ContainerRepository;
import org.nefos.storage.repository.ObjectRepository;
import org.nefos.storage.service.Access;
import org.nefos.storage.service.AccessService;
import org.nefos.storage.service.ObjectService;
import org.nefos.storage.service.PathLocks;
import org.nefos.storage.service.WriteRequest;

/** Object PUT (data, hashmap, copy/move), POST (metadata, sharing, public), DELETE, COPY and MOVE. */
@ApplicationScoped
public class ObjectWriteHandler {

    /** Largest hashmap document accepted (a 5 GiB object's hashmap is about 90 KB). */
    static final int MAX_HASHMAP_BODY = 8 * 1024 * 1024;

    @Inject
    Pool pool;

    @Inject
    ContainerRepository containers;

    @Inject
    ObjectRepository objects;

    @Inject
    AccessService access;

    @Inject
    ObjectService service;

    @Inject
    BlockStore store;

    @Inject
    BlockHasher hasher;

    @Inject
    StorageConfig config;

    @Inject
    BlockBuffers buffers;

    @Inject
    PathLocks locks;

    private record Target(Container container, Access access, ObjectVersion current) {
    }

    /** The destination container (404), the caller's write access (403), the current version. */
    private Uni<Target> target(Exchange ex, String container, String name) {
        return containers.find(pool, ex.path().account(), container).chain(c -> {
            if (c == null) {
                throw FaultException.notFound("Container does not exist");
            }
            return access.object(pool, ex.user(), c, name).chain(acc -> {
                if (!acc.canWrite()) {
                    throw FaultException.forbidden("Not allowed");
                }
                if (!acc.isOwner() && ex.request().getHeader("X-Object-Sharing") != null) {
                    throw FaultException.forbidden("Only the owner may change sharing");
                }
                return objects.current(pool, c.id(), name, false).map(v -> new Target(c, acc, v));
            });
        });
    }

    Uni<Void> put(Exchange ex) {
        String name = ex.path().object();
        String copyFrom = ex.header("X-Copy-From");
        String moveFrom = ex.header("X-Move-From");
        if (copyFrom != null || moveFrom != null) {
            requireLength(ex);
            String source = moveFrom != null ? moveFrom : copyFrom;
            String srcAccount = ex.header("X-Source-Account");
            return copy(ex, srcAccount == null ? ex.user() : srcAccount, source, ex.path().container(), name,
                    moveFrom != null);
        }
        Sharing sharingHeader = sharing(ex);
        Boolean publish = publish(ex);
        Map<String, String> meta = objectMeta(ex);
        return target(ex, ex.path().container(), name).chain(t -> {
            Preconditions.checkWrite(ex.header("If-Match"), ex.header("If-None-Match"),
                    t.current() == null ? null : t.current().etag());
            if (ex.request().getHeader("Content-Type") == null) {
                throw new FaultException(Fault.LENGTH_REQUIRED, "Missing Content-Type header");
            }
            requireLength(ex);
            String type = ex.request().getHeader("Content-Type");
            if (ex.flag("hashmap")) {
                return readBody(ex).chain(body -> hashmapPut(ex, t, name, body, type, meta, sharingHeader, publish));
            }
            return dataPut(ex, t, name, type, meta, sharingHeader, publish);
        });
    }

    private Uni<Void> hashmapPut(Exchange ex, Target t, String name, Buffer body, String type,
            Map<String, String> meta, Sharing sharingHeader, Boolean publish) {
        long bytes;
        List<String> hashes = new ArrayList<>();
        try {
            JsonObject doc = body.toJsonObject();
            Object b = doc.getValue("bytes");
            bytes = b instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(b));
            JsonArray list = doc.getJsonArray("hashes");
            if (list == null) {
                throw new IllegalArgumentException("no hashes");
            }
            list.forEach(h -> hashes.add(String.valueOf(h).toLowerCase(Locale.ROOT)));
        } catch (RuntimeException e) {
            throw FaultException.badRequest("Invalid data formatting");
        }
        String empty = hasher.emptyHash();
        if (bytes < 0) {
            throw FaultException.badRequest("Invalid data formatting");
        }
        if (bytes == 0) {
            if (!(hashes.isEmpty() || hashes.equals(List.of(empty)))) {
                throw FaultException.badRequest("Invalid data formatting");
            }
            hashes.clear();
            hashes.add(empty);
        } else if (hashes.size() != (bytes + config.blockSize() - 1) / config.blockSize()) {
            throw FaultException.badRequest("Invalid data formatting");
        }
        for (String h : hashes) {
            if (!hasher.isValidHash(h)) {
                throw FaultException.badRequest("Invalid hash " + h);
            }
        }
        return Uni.createFrom().completionStage(ex.vertx().executeBlocking(() -> store.missing(hashes), false)
                .toCompletionStage()).chain(missing -> {
                    if (!missing.isEmpty()) {
                        return PithosRoutes.uni(ex.reply(409, Format.JSON.contentType(),
                                new JsonArray(new ArrayList<>(missing)).encode()));
                    }
                    WriteRequest w = new WriteRequest(ex.user(), bytes, hashes, hasher.topHash(hashes), "", type, meta,
                            null, null, sharingHeader, publish, ex.header("If-Match"), ex.header("If-None-Match"),
                            false);
                    return service.write(t.container(), name, w).chain(v -> created(ex, v, true));
                });
    }

    private Uni<Void> created(Exchange ex, ObjectVersion v, boolean etag) {
        if (etag) {
            ex.header("ETag", v.etag());
        }
        ex.header("X-Object-Version", Long.toString(v.id()));
        return PithosRoutes.uni(ex.reply(201));
    }

    /** Data PUT: streams the body into blocks, then commits the version. */
    Uni<Void> dataPut(Exchange ex, Target t, String name, String type, Map<String, String> meta, Sharing s,
            Boolean publish) {
        UploadStream upload = new UploadStream(ex.vertx(), ex.request(), store, hasher, buffers,
                config.maxObjectPut(), config.uploadParallelism());
        return Uni.createFrom().completionStage(upload.run().toCompletionStage()).chain(r -> {
            String declared = ex.request().getHeader("Content-Length");
            if (declared != null && Long.parseLong(declared.trim()) != r.size()) {
                throw FaultException.badRequest("Content-Length does not match the body");
            }
            String expected = ex.header("ETag");
            if (expected != null && !expected.isEmpty() && !Preconditions.matches(expected, r.md5())) {
                throw new FaultException(Fault.UNPROCESSABLE_ENTITY, "Object ETag does not match");
            }
            List<String> hashes = r.hashes().isEmpty() ? List.of(hasher.emptyHash()) : r.hashes();
            WriteRequest w = new WriteRequest(ex.user(), r.size(), hashes, hasher.topHash(hashes), r.md5(), type, meta,
                    null, null, s, publish, ex.header("If-Match"), ex.header("If-None-Match"), false);
            return service.write(t.container(), name, w);
        }).chain(v -> created(ex, v, true));
    }

    private static void requireLength(Exchange ex) {
        String length = ex.request().getHeader("Content-Length");
        String te = ex.request().getHeader("Transfer-Encoding");
        boolean chunked = te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
        if (length == null && !chunked) {
            throw new FaultException(Fault.LENGTH_REQUIRED, "Missing Content-Length header");
        }
        if (length != null && !length.trim().matches("[0-9]{1,19}")) {
            throw FaultException.badRequest("Invalid Content-Length header");
        }
    }

    private Uni<Buffer> readBody(Exchange ex) {
        String length = ex.request().getHeader("Content-Length");
        if (length != null && Long.parseLong(length.trim()) > MAX_HASHMAP_BODY) {
            throw FaultException.badRequest("Hashmap too large");
        }
        Buffer body = Buffer.buffer();
        io.vertx.core.Promise<Buffer> p = io.vertx.core.Promise.promise();
        ex.request().handler(chunk -> {
            if (body.length() + chunk.length() > MAX_HASHMAP_BODY) {
                p.tryFail(FaultException.badRequest("Hashmap too large"));
            } else {
                body.appendBuffer(chunk);
            }
        });
        ex.request().exceptionHandler(p::tryFail);
        ex.request().endHandler(v -> p.tryComplete(body));
        ex.request().resume();
        return Uni.createFrom().completionStage(p.future().toCompletionStage());
    }

    static Sharing sharing(Exchange ex) {
        String h = ex.header("X-Object-Sharing");
        return h == null ? null : Sharing.parse(h);
    }

    static Boolean publish(Exchange ex) {
        String h = ex.header("X-Object-Public");
        if (h == null) {
            return null;
        }
        String v = h.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false") || v.isEmpty()) {
            return false;
        }
        throw FaultException.badRequest("Invalid X-Object-Public header");
    }

    /** The {@code pithos}-domain metadata a request supplies, in stored (header) form; empty values kept. */
    static Map<String, String> requestMeta(Exchange ex) {
        Map<String, String> m = new LinkedHashMap<>();
        MetaHeaders.read(ex, "X-Object-Meta-").forEach((k, v) -> m.put("X-Object-Meta-" + k, v));
        for (String h : List.of("Content-Encoding", "Content-Disposition", "X-Object-Manifest")) {
            String v = ex.header(h);
            if (v != null) {
                m.put(h, v);
            }
        }
        return m;
    }

    /** PUT semantics: the request's set replaces the metadata (empty values dropped). */
    static Map<String, String> objectMeta(Exchange ex) {
        return MetaHeaders.apply(Map.of(), requestMeta(ex), false);
    }

    Uni<Void> post(Exchange ex) {
        String type = ex.request().getHeader("Content-Type");
        if (type != null && type.startsWith("multipart/form-data")) {
            return formUpload(ex);
        }
        if ("application/octet-stream".equals(type) || ex.request().getHeader("X-Source-Object") != null) {
            return partialUpdate(ex);
        }
        String name = ex.path().object();
        Sharing s = sharing(ex);
        Boolean publish = publish(ex);
        boolean update = ex.flag("update");
        Map<String, String> given = requestMeta(ex);
        return target(ex, ex.path().container(), name).chain(t -> {
            if (t.current() == null) {
                throw FaultException.notFound("Object does not exist");
            }
            ObjectVersion cur = t.current();
            Preconditions.checkWrite(ex.header("If-Match"), ex.header("If-None-Match"), cur.etag());
            Map<String, String> meta = MetaHeaders.apply(cur.meta(), given, update);
            WriteRequest sharingOnly = new WriteRequest(ex.user(), cur.size(), cur.hashes(), cur.topHash(), cur.md5(),
                    cur.contentType(), meta, null, null, s, publish, null, null, true);
            if (meta.equals(cur.meta())) {
                return service.updateSharing(t.container(), name, sharingOnly).chain(() -> {
                    ex.header("X-Object-Version", Long.toString(cur.id()));
                    return PithosRoutes.uni(ex.reply(202));
                });
            }
            return service.write(t.container(), name, sharingOnly).chain(v -> {
                ex.header("X-Object-Version", Long.toString(v.id()));
                return PithosRoutes.uni(ex.reply(202));
            });
        });
    }

    /**
     * HTML form upload (P15, {@code multipart/form-data}): the file field {@code X-Object-Data} is streamed
     * into blocks exactly like a data PUT (type from the file part, no metadata); 201 with the MD5 as body.
     */
    Uni<Void> formUpload(Exchange ex) {
        String name = ex.path().object();
        return target(ex, ex.path().container(), name).chain(t -> {
            io.vertx.core.Promise<UploadStream.Result> file = io.vertx.core.Promise.promise();
            String[] fileType = new String[1];
            boolean[] seen = new boolean[1];
            ex.request().setExpectMultipart(true);
            ex.request().uploadHandler(part -> {
                if (!"X-Object-Data".equals(part.name()) || seen[0]) {
                    part.handler(b -> {
                    });
                    return;
                }
                seen[0] = true;
                fileType[0] = part.contentType();
                new UploadStream(ex.vertx(), part, store, hasher, buffers, config.maxObjectPut(),
                        config.uploadParallelism()).run().onComplete(file);
            });
            ex.request().exceptionHandler(file::tryFail);
            ex.request().endHandler(v -> {
                if (!seen[0]) {
                    file.tryFail(FaultException.badRequest("Missing X-Object-Data field"));
                }
            });
            ex.request().resume();
            return Uni.createFrom().completionStage(file.future().toCompletionStage()).chain(r -> {
                List<String> hashes = r.hashes().isEmpty() ? List.of(hasher.emptyHash()) : r.hashes();
                String type = fileType[0] == null || fileType[0].isBlank() ? "application/octet-stream" : fileType[0];
                WriteRequest w = new WriteRequest(ex.user(), r.size(), hashes, hasher.topHash(hashes), r.md5(), type,
                        Map.of(), null, null, null, null, null, null, false);
                return service.write(t.container(), name, w);
            }).chain(v -> {
                ex.header("ETag", v.etag());
                ex.header("X-Object-Version", Long.toString(v.id()));
                return PithosRoutes.uni(ex.reply(201, "text/plain; charset=UTF-8", v.md5()));
            });
        });
    }

    /** POST data path (spec §4.10): append, overwrite, truncate, from the body or from another object. */
    Uni<Void> partialUpdate(Exchange ex) {
        String name = ex.path().object();
        Sharing s = sharing(ex);
        Boolean publish = publish(ex);
        boolean update = ex.flag("update");
        Map<String, String> given = requestMeta(ex);
        String source = ex.header("X-Source-Object");
        Long truncate = null;
        String objectBytes = ex.header("X-Object-Bytes");
        if (objectBytes != null) {
            String v = objectBytes.trim();
            if (!v.matches("[0-9]{1,18}")) {
                throw FaultException.badRequest("Invalid X-Object-Bytes header");
            }
            truncate = Long.parseLong(v);
        }
        Long truncateTo = truncate;
        Context context = Vertx.currentContext();
        return target(ex, ex.path().container(), name).chain(t -> locks.serialized(t.container().id() + "/" + name,
                context, () -> objects.current(pool, t.container().id(), name, false).chain(cur -> {
                    if (cur == null) {
                        throw FaultException.notFound("Object does not exist");
                    }
                    Preconditions.checkWrite(ex.header("If-Match"), ex.header("If-None-Match"), cur.etag());
                    String header = ex.request().getHeader("Content-Range");
                    if (header == null) {
                        throw FaultException.badRequest("Missing Content-Range header");
                    }
                    ContentRange range = ContentRange.parse(header);
                    long offset = range.append() ? cur.size() : range.first();
                    if (offset > cur.size()) {
                        throw ContentRange.unsatisfiable();
                    }
                    BlockPatcher patcher = new BlockPatcher(store, hasher, config.blockSize());
                    List<String> blocks = patcher.blocksOf(cur.hashes(), cur.size());
                    Uni<PatchStream.Result> written = source != null
                            ? fromSource(ex, source, range, offset, patcher, blocks)
                            : fromBody(ex, range, offset, patcher, blocks, cur.size());
                    return written.chain(p -> {
                        checkTotal(range, cur.size(), offset, p.length());
                        return Uni.createFrom().completionStage(ex.vertx().executeBlocking(() -> patcher.assemble(
                                blocks, cur.size(), offset, p.length(), p.patched(), truncateTo), false)
                                .toCompletionStage());
                    }).chain(r -> service.write(t.container(), name, new WriteRequest(ex.user(), r.size(), r.hashes(),
                            hasher.topHash(r.hashes()), "", cur.contentType(), MetaHeaders.apply(cur.meta(), given,
                                    update), null, null, s, publish, null, null, true), cur.id()));
                }))).chain(v -> {
                    ex.header("ETag", v.etag());
                    ex.header("X-Object-Version", Long.toString(v.id()));
                    return PithosRoutes.uni(ex.reply(204));
                });
    }

    /** Step 6 of §4.10: with a numeric total, the write must lie inside the current object. */
    private static void checkTotal(ContentRange range, long size, long offset, long length) {
        if (range.total() != null && (range.total() != size || offset >= size || offset + length > size)) {
            throw ContentRange.unsatisfiable();
        }
    }

    private Uni<PatchStream.Result> fromBody(Exchange ex, ContentRange range, long offset, BlockPatcher patcher,
            List<String> blocks, long size) {
        requireLength(ex);
        String declared = ex.request().getHeader("Content-Length");
        Long length = declared == null ? null : Long.parseLong(declared.trim());
        if (length != null && range.length() != null && !range.length().equals(length)) {
            throw FaultException.badRequest("Content-Range and Content-Length do not agree");
        }
        if (length != null) {
            checkTotal(range, size, offset, length);
        }
        PatchStream stream = new PatchStream(ex.vertx(), ex.request(), patcher, blocks, offset, config.maxObjectPut(),
                config.uploadParallelism());
        return Uni.createFrom().completionStage(stream.run().toCompletionStage()).invoke(r -> {
            if ((length != null && r.length() != length) || (range.length() != null && r.length() != range.length())) {
                throw FaultException.badRequest("Content-Length does not match the body");
            }
        });
    }

    private Uni<PatchStream.Result> fromSource(Exchange ex, String source, ContentRange range, long offset,
            BlockPatcher patcher, List<String> blocks) {
        String[] src = splitSource(source);
        String account = ex.header("X-Source-Account");
        String srcAccount = account == null || account.isEmpty() ? ex.user() : account;
        String version = ex.header("X-Source-Version");
        ex.drainRequest();
        return containers.find(pool, srcAccount, src[0]).chain(sc -> {
            if (sc == null) {
                throw FaultException.notFound("Source container does not exist");
            }
            return access.object(pool, ex.user(), sc, src[1]).chain(a -> {
                if (!a.canRead()) {
                    throw FaultException.forbidden("Not allowed to read the source");
                }
                if (version == null || version.isBlank()) {
                    return objects.current(pool, sc.id(), src[1], false);
                }
                try {
                    return objects.version(pool, sc.id(), src[1], Long.parseLong(version.trim()));
                } catch (NumberFormatException e) {
                    throw FaultException.notFound("Source version does not exist");
                }
            });
        }).chain(sv -> {
            if (sv == null) {
                throw FaultException.notFound("Source object does not exist");
            }
            long length = range.length() != null ? range.length() : sv.size();
            if (length > sv.size()) {
                throw FaultException.badRequest("Source object is smaller than the range");
            }
            return Uni.createFrom().completionStage(ex.vertx().executeBlocking(
                    () -> copyBlocks(patcher, blocks, sv.hashes(), offset, length), false).toCompletionStage());
        });
    }

    /** Lays {@code length} bytes of a source hashmap over the object's blocks from {@code offset}. */
    private static PatchStream.Result copyBlocks(BlockPatcher patcher, List<String> blocks, List<String> source,
            long offset, long length) {
        int bs = patcher.blockSize();
        Map<Integer, String> patched = new java.util.HashMap<>();
        byte[] buf = new byte[bs];
        long done = 0;
        while (done < length) {
            long pos = offset + done;
            int at = (int) (pos % bs);
            int n = (int) Math.min(bs - at, length - done);
            patcher.read(source, done, buf, n);
            patched.put((int) (pos / bs), patcher.patch(blocks, (int) (pos / bs), at, buf, 0, n));
            done += n;
        }
        return new PatchStream.Result(patched, length);
    }

    Uni<Void> delete(Exchange ex) {
        if (!ex.path().account().equals(ex.user())) {
            throw FaultException.forbidden("Not allowed");
        }
        String name = ex.path().object();
        return containers.find(pool, ex.path().account(), ex.path().container()).chain(c -> {
            if (c == null) {
                throw FaultException.notFound("Container does not exist");
            }
            Long until = ex.integerParam("until");
            if (until != null) {
                return service.purge(c, name, Instant.ofEpochSecond(until));
            }
            String delimiter = ex.param("delimiter");
            Uni<Void> children = Uni.createFrom().voidItem();
            if (delimiter != null && !delimiter.isEmpty()) {
                String prefix = name.endsWith(delimiter) ? name : name + delimiter;
                children = objects.listCurrent(pool, c.id(), prefix, null).chain(list -> io.smallrye.mutiny.Multi
                        .createFrom().iterable(list).onItem()
                        .transformToUniAndConcatenate(v -> service.delete(c, v.name(), ex.user()))
                        .collect().asList().replaceWithVoid());
            }
            boolean bulk = delimiter != null && !delimiter.isEmpty();
            return children.chain(() -> {
                Uni<Void> self = service.delete(c, name, ex.user()).replaceWithVoid();
                return bulk ? self.onFailure(FaultException.class).recoverWithNull().replaceWithVoid() : self;
            });
        }).chain(() -> PithosRoutes.uni(ex.reply(204)));
    }

    Uni<Void> copyOrMove(Exchange ex, boolean move) {
        String destination = ex.header("Destination");
        if (destination == null) {
            throw FaultException.badRequest("Missing Destination header");
        }
        String[] dst = splitSource(destination);
        String dstAccount = ex.header("Destination-Account");
        String source = "/" + ex.path().container() + "/" + ex.path().object();
        String srcAccount = ex.path().account();
        return copyInto(ex, srcAccount, source, dstAccount == null ? ex.user() : dstAccount, dst[0], dst[1], move);
    }

    private Uni<Void> copy(Exchange ex, String srcAccount, String source, String dstContainer, String dstName,
            boolean move) {
        return copyInto(ex, srcAccount, source, ex.path().account(), dstContainer, dstName, move);
    }

    private Uni<Void> copyInto(Exchange ex, String srcAccount, String source, String dstAccount, String dstContainer,
            String dstName, boolean move) {
        String[] src = splitSource(source);
        Sharing s = sharing(ex);
        Boolean publish = publish(ex);
        Map<String, String> given = requestMeta(ex);
        String type = ex.flag("ignore_content_type") ? null : ex.request().getHeader("Content-Type");
        String sourceVersion = move ? null : ex.header("X-Source-Version");
        return containers.find(pool, srcAccount, src[0]).chain(sc -> {
            if (sc == null) {
                throw FaultException.notFound("Source container does not exist");
            }
            if (move && !srcAccount.equals(ex.user())) {
                throw FaultException.forbidden("Only the owner may move an object");
            }
            return access.object(pool, ex.user(), sc, src[1]).chain(srcAccess -> {
                if (!srcAccess.canRead()) {
                    throw FaultException.forbidden("Not allowed to read the source");
                }
                Uni<ObjectVersion> sv;
                if (sourceVersion != null) {
                    long id;
                    try {
                        id = Long.parseLong(sourceVersion.trim());
                    } catch (NumberFormatException e) {
                        throw FaultException.notFound("Source version does not exist");
                    }
                    sv = objects.version(pool, sc.id(), src[1], id);
                } else {
                    sv = objects.current(pool, sc.id(), src[1], false);
                }
                return sv.chain(srcVersion -> {
                    if (srcVersion == null) {
                        throw FaultException.notFound("Source object does not exist");
                    }
                    if (ex.method().equals("COPY") || ex.method().equals("MOVE")) {
                        Preconditions.checkWrite(ex.header("If-Match"), ex.header("If-None-Match"),
                                srcVersion.etag());
                    }
                    return containers.find(pool, dstAccount, dstContainer).chain(dc -> {
                        if (dc == null) {
                            throw FaultException.notFound("Destination container does not exist");
                        }
                        return access.object(pool, ex.user(), dc, dstName).chain(dstAccess -> {
                            if (!dstAccess.canWrite()) {
                                throw FaultException.forbidden("Not allowed to write the destination");
                            }
                            if (s != null && !dstAccess.isOwner()) {
                                throw FaultException.forbidden("Only the owner may change sharing");
                            }
                            boolean samePath = sc.id() == dc.id() && src[1].equals(dstName);
                            UUID uuid = move || samePath ? (move ? srcVersion.uuid() : null) : UUID.randomUUID();
                            Map<String, String> meta = MetaHeaders.apply(srcVersion.meta(), given, true);
                            boolean putForm = ex.method().equals("PUT");
                            WriteRequest w = new WriteRequest(ex.user(), srcVersion.size(), srcVersion.hashes(),
                                    srcVersion.topHash(), srcVersion.md5(), type != null ? type
                                            : srcVersion.contentType(), meta, srcVersion.otherMeta(), uuid, s, publish,
                                    putForm ? ex.header("If-Match") : null,
                                    putForm ? ex.header("If-None-Match") : null, false);
                            return service.write(dc, dstName, w).chain(v -> {
                                Uni<Void> after = move && !samePath
                                        ? service.delete(sc, src[1], ex.user()).replaceWithVoid()
                                        : Uni.createFrom().voidItem();
                                return after.chain(() -> bulk(ex, sc, src[1], dc, dstName, move)).chain(() -> {
                                    ex.header("X-Object-Version", Long.toString(v.id()));
                                    return PithosRoutes.uni(ex.reply(201));
                                });
                            });
                        });
                    });
                });
            });
        });
    }

    /**
     * The {@code delimiter} part of a copy or move: every current object named {@code <src><delimiter>...}
     * goes to {@code <dst><delimiter>...}, keeping its own type and metadata (copies get new UUIDs, moves
     * keep theirs and leave tombstones). Objects the caller cannot read are left alone.
     */
    private Uni<Void> bulk(Exchange ex, Container sc, String srcName, Container dc, String dstName, boolean move) {
        String delimiter = ex.param("delimiter");
        if (delimiter == null || delimiter.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String prefix = srcName.endsWith(delimiter) ? srcName : srcName + delimiter;
        return objects.listCurrent(pool, sc.id(), prefix, null).chain(children -> io.smallrye.mutiny.Multi.createFrom()
                .iterable(children).onItem().transformToUniAndConcatenate(child -> access.object(pool, ex.user(), sc,
                        child.name()).chain(a -> {
                            String target = dstName + child.name().substring(srcName.length());
                            if (!a.canRead() || (sc.id() == dc.id() && target.equals(child.name()))) {
                                return Uni.createFrom().voidItem();
                            }
                            PithosPath.validateObjectName(target);
                            WriteRequest w = new WriteRequest(ex.user(), child.size(), child.hashes(), child.topHash(),
                                    child.md5(), child.contentType(), child.meta(), child.otherMeta(),
                                    move ? child.uuid() : UUID.randomUUID(), null, null, null, null, false);
                            Uni<ObjectVersion> written = service.write(dc, target, w);
                            return move ? written.chain(() -> service.delete(sc, child.name(), ex.user()))
                                    .replaceWithVoid() : written.replaceWithVoid();
                        }))
                .collect().asList().replaceWithVoid());
    }

    /** {@code /<container>/<object>} → [container, object]; 400 when malformed. */
    static String[] splitSource(String source) {
        if (!source.startsWith("/")) {
            throw FaultException.badRequest("Invalid source or destination");
        }
        String rest = source.substring(1);
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw FaultException.badRequest("Invalid source or destination");
        }
        String object = rest.substring(slash + 1);
        PithosPath.validateObjectName(object);
        return new String[] {rest.substring(0, slash), object};
    }
}
