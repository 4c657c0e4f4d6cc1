package org.nefos.image.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.image.domain.Image;

/** Images; SQL only, the callers own the transactions. Deleted-object images are never listed. */
@ApplicationScoped
public class ImageRepository {

    /** Sort keys of the listing (pithos-plankton-api.md 6.7) → SQL. */
    private static final Map<String, String> SORT = Map.of("id", "id::text", "name", "name",
            "status", "COALESCE(NULLIF(status, ''), 'AVAILABLE')", "size", "size", "disk_format", "disk_format",
            "container_format", "container_format", "created_at", "updated_at", "updated_at", "updated_at");

    public static boolean sortable(String key) {
        return SORT.containsKey(key);
    }

    public Uni<Image> find(SqlClient db, UUID id) {
        return db.preparedQuery("SELECT * FROM image WHERE id = $1").execute(Tuple.of(id)).map(ImageRepository::first);
    }

    /** Serialises the writers of one image id (existing or not yet) for the rest of the transaction. */
    public Uni<Void> lock(SqlClient db, UUID id) {
        return db.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 7))").execute(Tuple.of(id.toString()))
                .replaceWithVoid();
    }

    /** The images {@code user} may read: own, public, or with the user among the members. */
    public Uni<List<Image>> visible(SqlClient db, String user, String sortKey, boolean ascending) {
        String order = SORT.get(sortKey) + (ascending ? " ASC" : " DESC") + ", id";
        return db.preparedQuery("SELECT * FROM image WHERE deleted_at IS NULL AND (account = $1 OR is_public OR $1 = ANY (members))"
                + " ORDER BY " + order).execute(Tuple.of(user)).map(ImageRepository::all);
    }

    /** Images owned by {@code owner}, not public, that {@code user} may read. */
    public Uni<List<Image>> sharedBy(SqlClient db, String user, String owner) {
        return db.preparedQuery("""
                SELECT * FROM image WHERE deleted_at IS NULL AND account = $2 AND NOT is_public
                AND (account = $1 OR $1 = ANY (members)) ORDER BY updated_at DESC, id""")
                .execute(Tuple.of(user, owner)).map(ImageRepository::all);
    }

    /** The images {@code account} owns and that carry one of the property {@code keys}, oldest first. */
    public Uni<List<Image>> ownedWithProperty(SqlClient db, String account, List<String> keys) {
        return db.preparedQuery("SELECT * FROM image WHERE deleted_at IS NULL AND account = $1 AND properties ?| $2"
                + " ORDER BY updated_at, id").execute(Tuple.of(account, keys.toArray(new String[0])))
                .map(ImageRepository::all);
    }

    /** Inserts or replaces the whole row. */
    public Uni<Void> save(SqlClient db, Image i) {
        return db.preparedQuery("""
                INSERT INTO image (id, account, container, object_name, name, disk_format, container_format, status,
                    owner_meta, description, is_public, members, properties, size, checksum, object_version,
                    updated_at, deleted_at, sequence)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
                ON CONFLICT (id) DO UPDATE SET account = EXCLUDED.account, container = EXCLUDED.container,
                    object_name = EXCLUDED.object_name, name = EXCLUDED.name, disk_format = EXCLUDED.disk_format,
                    container_format = EXCLUDED.container_format, status = EXCLUDED.status,
                    owner_meta = EXCLUDED.owner_meta, description = EXCLUDED.description,
                    is_public = EXCLUDED.is_public, members = EXCLUDED.members, properties = EXCLUDED.properties,
                    size = EXCLUDED.size, checksum = EXCLUDED.checksum, object_version = EXCLUDED.object_version,
                    updated_at = EXCLUDED.updated_at, deleted_at = EXCLUDED.deleted_at, sequence = EXCLUDED.sequence""")
                .execute(Tuple.from(new Object[] {i.id(), i.account(), i.container(), i.objectName(), i.name(),
                        i.diskFormat(), i.containerFormat(), i.storedStatus(), i.ownerMeta(), i.description(),
                        i.isPublic(), i.members().toArray(new String[0]), new JsonObject(new LinkedHashMap<>(i.properties())),
                        i.size(), i.checksum(), i.objectVersion(), utc(i.updatedAt()), utc(i.deletedAt()), i.sequence()}))
                .replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient db, UUID id) {
        return db.preparedQuery("DELETE FROM image WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Image first(RowSet<Row> rs) {
        var it = rs.iterator();
        return it.hasNext() ? map(it.next()) : null;
    }

    private static List<Image> all(RowSet<Row> rs) {
        List<Image> out = new ArrayList<>();
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    private static Image map(Row r) {
        Map<String, String> props = new LinkedHashMap<>();
        JsonObject p = (JsonObject) r.getValue("properties");
        if (p != null) {
            p.forEach(e -> props.put(e.getKey(), String.valueOf(e.getValue())));
        }
        String[] members = r.getArrayOfStrings("members");
        OffsetDateTime deleted = r.getOffsetDateTime("deleted_at");
        return new Image(r.getUUID("id"), r.getString("account"), r.getString("container"), r.getString("object_name"),
                r.getString("name"), r.getString("disk_format"), r.getString("container_format"), r.getString("status"),
                r.getString("owner_meta"), r.getString("description"), r.getBoolean("is_public"),
                members == null ? List.of() : List.copyOf(Arrays.asList(members)), props, r.getLong("size"),
                r.getString("checksum"), r.getLong("object_version"), r.getOffsetDateTime("updated_at").toInstant(),
                deleted == null ? null : deleted.toInstant(), r.getLong("sequence"));
    }
}
