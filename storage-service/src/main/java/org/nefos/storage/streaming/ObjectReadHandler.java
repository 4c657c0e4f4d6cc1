package org.nefos.storage.streaming;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.platform.fault.FaultException;
import org.nefos.storage.blockstore.BlockHasher;
import org.nefos.storage.blockstore.BlockStore;
import org.nefos.storage.config.StorageConfig;
import org.nefos.storage.domain.ByteRange;
import org.nefos.storage.domain.Container;
import org.nefos.storage.domain.HttpDates;
import org.nefos.storage.domain.ObjectVersion;
import org.nefos.storage.domain.Preconditions;
import org.nefos.storage.repository.ContainerRepository;
import org.nefos.storage.repository.ObjectRepository;
import org.nefos.storage.repository.SharingRepository;
import org.nefos.storage.service.Access;
import org.nefos.storage.service.AccessService;

/** Object HEAD/GET (P10, P11): metadata, data with ranges, {@code ?hashmap}, {@code ?version=list}; public links (P17). */
@ApplicationScoped
public class ObjectReadHandler {

    @Inject
    Pool pool;

    @Inject
    ContainerRepository containers;

    @Inject
    ObjectRepository objects;

    @Inject
    SharingRepository sharing;

    @Inject
    AccessService access;

    @Inject
    BlockStore store;

    @Inject
    BlockHasher hasher;

    @Inject
    StorageConfig config;

    static String publicUrl(StorageConfig config, String token) {
        String base = config.publicUrl().endsWith("/") ? config.publicUrl() : config.publicUrl() + "/";
        return base + "public/" + token;
    }

    Uni<Void> headOrGet(Exchange ex, boolean get) {
        String name = ex.path().object();
        return containers.find(pool, ex.path().account(), ex.path().container()).chain(c -> {
            if (c == null) {
                throw FaultException.notFound("Container does not exist");
            }
            return access.object(pool, ex.user(), c, name).chain(acc -> {
                if (!acc.canRead()) {
                    throw FaultException.forbidden("Not allowed");
                }
                String version = ex.param("version");
                if (get && "list".equals(version)) {
                    return versionList(ex, c, name);
                }
                return resolve(c, name, version).chain(v -> objects.newest(pool, c.id(), name).chain(newest -> {
                    Preconditions.checkRead(ex.header("If-Match"), ex.header("If-None-Match"), v.etag());
                    Preconditions.checkDates(ex.header("If-Modified-Since"), ex.header("If-Unmodified-Since"),
                            newest.mtime());
                    return sharing.publicToken(pool, c.id(), name).chain(token -> {
                        objectHeaders(ex, c, v, newest, acc, version == null ? token : null, version != null);
                        if (!get) {
                            return manifestSize(c, v).chain(size -> {
                                ex.response().putHeader("Content-Length", Long.toString(size));
                                return PithosRoutes.uni(ex.reply(200, v.contentType(), ""));
                            });
                        }
                        if (ex.flag("hashmap")) {
                            return PithosRoutes.uni(hashmap(ex, v));
                        }
                        return data(ex, c, v);
                    });
                }));
            });
        });
    }

    private Uni<ObjectVersion> resolve(Container c, String name, String version) {
        Uni<ObjectVersion> v;
        if (version == null) {
            v = objects.current(pool, c.id(), name, false);
        } else {
            long id;
            try {
                id = Long.parseLong(version);
            } catch (NumberFormatException e) {
                throw FaultException.notFound("Version does not exist");
            }
            v = objects.version(pool, c.id(), name, id);
        }
        return v.map(found -> {
            if (found == null) {
                throw FaultException.notFound(version == null ? "Object does not exist" : "Version does not exist");
            }
            return found;
        });
    }

    private Uni<Void> versionList(Exchange ex, Container c, String name) {
        return objects.versions(pool, c.id(), name).chain(list -> {
            if (list.isEmpty()) {
                throw FaultException.notFound("Object does not exist");
            }
            Format f = ex.replyFormat();
            if (f == Format.XML) {
                StringBuilder b = new StringBuilder(Listings.XML_DECLARATION).append("<object name=\"")
                        .append(Listings.escape(name)).append("\">");
                list.forEach(v -> b.append("<version timestamp=\"").append(Listings.decimal(v.mtime())).append("\">")
                        .append(v.id()).append("</version>"));
                return PithosRoutes.uni(ex.reply(200, f.contentType(), b.append("</object>").toString()));
            }
            JsonArray versions = new JsonArray();
            list.forEach(v -> versions.add(new JsonArray().add(v.id()).add(Listings.decimal(v.mtime()))));
            return PithosRoutes.uni(ex.reply(200, f.contentType(), new JsonObject().put("versions", versions).encode()));
        });
    }

    private void objectHeaders(Exchange ex, Container c, ObjectVersion v, ObjectVersion newest, Access acc,
            String token, boolean oldVersion) {
        ex.header("ETag", v.etag());
        ex.header("Last-Modified", HttpDates.format(newest.mtime()));
        ex.header("X-Object-Hash", v.topHash());
        ex.header("X-Object-UUID", v.uuid().toString());
        ex.header("X-Object-Version", Long.toString(v.id()));
        ex.header("X-Object-Version-Timestamp", HttpDates.format(v.mtime()));
        ex.header("X-Object-Modified-By", v.modifiedBy());
        ex.header("Available", "1");
        v.meta().forEach(ex::header);
        if (!oldVersion && !acc.sharing().isEmpty()) {
            ex.header("X-Object-Sharing", acc.sharing().format());
            if (acc.sharedBy() != null) {
                ex.header("X-Object-Shared-By", acc.sharedBy());
            }
        }
        if (!acc.isOwner()) {
            ex.header("X-Object-Allowed-To", acc.canWrite() ? "write" : "read");
        }
        if (acc.isOwner() && token != null) {
            ex.header("X-Object-Public", publicUrl(config, token));
        }
    }

    private Future<Void> hashmap(Exchange ex, ObjectVersion v) {
        List<String> hashes = v.size() == 0 ? List.of(hasher.emptyHash()) : v.hashes();
        if (ex.replyFormat() == Format.XML) {
            StringBuilder b = new StringBuilder(Listings.XML_DECLARATION).append("<object name=\"")
                    .append(Listings.escape(v.name())).append("\" bytes=\"").append(v.size())
                    .append("\" block_size=\"").append(config.blockSize()).append("\" block_hash=\"")
                    .append(hasher.algorithm()).append("\">");
            hashes.forEach(h -> b.append("<hash>").append(h).append("</hash>"));
            return ex.reply(200, v.contentType(), b.append("</object>").toString());
        }
        JsonObject doc = new JsonObject().put("block_hash", hasher.algorithm()).put("block_size", config.blockSize())
                .put("bytes", v.size()).put("hashes", new JsonArray(new ArrayList<>(hashes)));
        return ex.reply(200, v.contentType(), doc.encode());
    }

    /** The parts of an object's data: itself, or the concatenation of a manifest's parts. */
    private Uni<List<ObjectVersion>> sources(Container c, ObjectVersion v) {
        String manifest = v.manifest();
        if (manifest == null || manifest.isEmpty()) {
            return Uni.createFrom().item(List.of(v));
        }
        int slash = manifest.indexOf('/');
        String container = slash < 0 ? manifest : manifest.substring(0, slash);
        String prefix = slash < 0 ? "" : manifest.substring(slash + 1);
        return containers.find(pool, c.account(), container).chain(mc -> mc == null
                ? Uni.createFrom().item(List.<ObjectVersion>of())
                : objects.listCurrent(pool, mc.id(), prefix, null));
    }

    private Uni<Long> manifestSize(Container c, ObjectVersion v) {
        return sources(c, v).map(l -> l.stream().mapToLong(ObjectVersion::size).sum());
    }

    private Uni<Void> data(Exchange ex, Container c, ObjectVersion v) {
        return sources(c, v).chain(parts -> PithosRoutes.uni(stream(ex, v, parts, true)));
    }

    /** Streams the data of {@code parts} (one object or a manifest's parts) honouring {@code Range}. */
    Future<Void> stream(Exchange ex, ObjectVersion v, List<ObjectVersion> parts, boolean disposition) {
        long size = parts.stream().mapToLong(ObjectVersion::size).sum();
        List<ByteRange> ranges = ByteRange.parse(ex.request().getHeader("Range"), size);
        String ifRange = ex.request().getHeader("If-Range");
        if (ranges != null && ifRange != null && !ifRange.isBlank() && !Preconditions.matches(ifRange, v.etag())) {
            ranges = null;
        }
        if (disposition) {
            String type = ex.param("disposition-type");
            String stored = v.meta().get("Content-Disposition");
            String name = v.name();
            ex.header("Content-Disposition", "inline".equals(type) || "attachment".equals(type)
                    ? type + "; filename=\"" + name + "\"" : stored != null ? stored : "inline; filename=\"" + name + "\"");
        }
        DownloadStream down = new DownloadStream(ex.vertx(), store, config.blockSize());
        if (ranges == null) {
            ex.begin(200);
            ex.response().putHeader("Content-Type", v.contentType());
            ex.response().putHeader("Content-Length", Long.toString(size));
            return down.write(ex.response(), windows(parts, 0, size, null), null).compose(x -> ex.response().end());
        }
        if (ranges.size() == 1) {
            ByteRange r = ranges.get(0);
            ex.begin(206);
            ex.response().putHeader("Content-Type", v.contentType());
            ex.response().putHeader("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size);
            ex.response().putHeader("Content-Length", Long.toString(r.length()));
            return down.write(ex.response(), windows(parts, r.first(), r.length(), null), null)
                    .compose(x -> ex.response().end());
        }
        byte[] random = new byte[16];
        new java.security.SecureRandom().nextBytes(random);
        String boundary = HexFormat.of().formatHex(random);
        ex.begin(206);
        ex.response().putHeader("Content-Type", "multipart/byteranges; boundary=" + boundary);
        ex.response().setChunked(true);
        List<DownloadStream.Part> all = new ArrayList<>();
        boolean first = true;
        for (ByteRange r : ranges) {
            String pre = (first ? "" : "\r\n") + "--" + boundary + "\r\nContent-Range: bytes " + r.first() + "-"
                    + r.last() + "/" + size + "\r\nContent-Transfer-Encoding: binary\r\n\r\n";
            first = false;
            List<DownloadStream.Part> w = windows(parts, r.first(), r.length(), pre);
            all.addAll(w);
        }
        return down.write(ex.response(), all, "\r\n--" + boundary + "--\r\n").compose(x -> ex.response().end());
    }

    /** Maps a window of the concatenated data onto windows of each part's hashmap. */
    static List<DownloadStream.Part> windows(List<ObjectVersion> parts, long from, long length, String preamble) {
        List<DownloadStream.Part> out = new ArrayList<>();
        long offset = 0;
        long end = from + length;
        String pre = preamble;
        for (ObjectVersion p : parts) {
            long pStart = offset;
            long pEnd = offset + p.size();
            offset = pEnd;
            long s = Math.max(from, pStart);
            long e = Math.min(end, pEnd);
            if (s < e) {
                out.add(new DownloadStream.Part(pre, p.hashes(), s - pStart, e - s));
                pre = null;
            }
        }
        if (pre != null) {
            out.add(new DownloadStream.Part(pre, List.of(), 0, 0));
        }
        return out;
    }

    /** {@code HEAD/GET /public/<token>}: no token needed; only data headers. */
    Uni<Void> publicObject(Exchange ex, String token) {
        String m = ex.method();
        if (!m.equals("GET") && !m.equals("HEAD")) {
            throw FaultException.notAllowed("Method not allowed", "HEAD,GET");
        }
        return sharing.resolve(pool, token).chain(t -> {
            if (t == null) {
                throw FaultException.notFound("Object does not exist");
            }
            return containers.byId(pool, t.containerId()).chain(c -> objects.current(pool, c.id(), t.name(), false)
                    .chain(v -> {
                        if (v == null) {
                            throw FaultException.notFound("Object does not exist");
                        }
                        Preconditions.checkRead(ex.header("If-Match"), ex.header("If-None-Match"), v.etag());
                        Preconditions.checkDates(ex.header("If-Modified-Since"), ex.header("If-Unmodified-Since"),
                                v.mtime());
                        ex.header("ETag", v.etag());
                        ex.header("Last-Modified", HttpDates.format(v.mtime()));
                        ex.header("Available", "1");
                        if (v.meta().containsKey("Content-Encoding")) {
                            ex.header("Content-Encoding", v.meta().get("Content-Encoding"));
                        }
                        return sources(c, v).chain(parts -> {
                            if (m.equals("HEAD")) {
                                long size = parts.stream().mapToLong(ObjectVersion::size).sum();
                                ex.response().putHeader("Content-Length", Long.toString(size));
                                return PithosRoutes.uni(ex.reply(200, v.contentType(), ""));
                            }
                            return PithosRoutes.uni(stream(ex, v, parts, true));
                        });
                    }));
        });
    }
}
