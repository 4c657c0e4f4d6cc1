package org.nefos.image.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import jakarta.ws.rs.core.Response;

import org.nefos.image.domain.Image;
import org.nefos.image.domain.ObjectPath;

/** The wire forms of an image: list entries (short and detail) and the {@code x-image-meta-*} headers. */
final class Views {

    static final String JSON = "application/json; charset=UTF-8";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private Views() {
    }

    static String date(Instant t) {
        return DATE.format(t);
    }

    /** I1 entry: status unmapped, size a number. */
    static Map<String, Object> brief(Image i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id().toString());
        m.put("name", i.name());
        m.put("status", i.status());
        m.put("size", i.size());
        m.put("disk_format", i.diskFormat());
        m.put("container_format", i.containerFormat());
        return m;
    }

    /** I2 entry; created_at equals updated_at (the mtime of the object's current version), as upstream. */
    static Map<String, Object> detail(Image i) {
        Map<String, Object> m = brief(i);
        m.put("checksum", i.checksum());
        m.put("location", i.location());
        m.put("created_at", date(i.updatedAt()));
        m.put("updated_at", date(i.updatedAt()));
        m.put("deleted_at", "");
        m.put("is_public", i.isPublic());
        m.put("owner", i.account());
        m.put("properties", new TreeMap<>(i.properties()));
        m.put("is_snapshot", false);
        if (i.description() != null && !i.description().isEmpty()) {
            m.put("description", i.description());
        }
        return m;
    }

    /** 200 with no body and one header per detail field (pithos-plankton-api.md 6.6). */
    static Response headers(Image i) {
        Response.ResponseBuilder r = Response.ok().type(JSON)
                .header("x-image-meta-id", i.id().toString())
                .header("x-image-meta-name", ObjectPath.encode(i.name(), false))
                .header("x-image-meta-disk-format", i.diskFormat())
                .header("x-image-meta-container-format", i.containerFormat())
                .header("x-image-meta-size", Long.toString(i.size()))
                .header("x-image-meta-checksum", i.checksum())
                .header("x-image-meta-location", i.location())
                .header("x-image-meta-created-at", date(i.updatedAt()))
                .header("x-image-meta-updated-at", date(i.updatedAt()))
                .header("x-image-meta-deleted-at", "")
                .header("x-image-meta-status", i.headerStatus())
                .header("x-image-meta-is-public", i.isPublic() ? "True" : "False")
                .header("x-image-meta-owner", i.account())
                .header("x-image-meta-is-snapshot", "False")
                .header("x-image-meta-description",
                        i.description() == null ? "" : ObjectPath.encode(i.description(), false));
        new TreeMap<>(i.properties()).forEach((k, v) -> r.header(
                "x-image-meta-property-" + ObjectPath.encode(k.replace('_', '-'), false), ObjectPath.encode(v, false)));
        return r.build();
    }
}
