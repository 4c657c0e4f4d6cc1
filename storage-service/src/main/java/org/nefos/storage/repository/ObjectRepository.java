package org.nefos.storage.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.storage.domain.ObjectVersion;
import org.nefos.storage.domain.ObjectVersion.Cluster;

/** SQL for {@code object_version}: the versions of every object name, current, history and tombstones. */
@ApplicationScoped
public class ObjectRepository {

    private static final String COLUMNS = "id, container_id, name, uuid, size, hashes, top_hash, md5, content_type, "
            + "meta, other_meta::text AS other_meta, modified_by, mtime, cluster";

    /** The current (non-tombstone) version of a name; {@code lock} takes a row lock for a write. */
    public Uni<ObjectVersion> current(SqlClient db, long containerId, String name, boolean lock) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM object_version WHERE container_id = $1 AND name = $2 "
                + "AND cluster = 0" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(containerId, name)).map(ObjectRepository::first);
    }

    /** The newest version of a name in any cluster (the tombstone of a deleted name). */
    public Uni<ObjectVersion> newest(SqlClient db, long containerId, String name) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM object_version WHERE container_id = $1 AND name = $2 "
                + "ORDER BY id DESC LIMIT 1")
                .execute(Tuple.of(containerId, name)).map(ObjectRepository::first);
    }

    public Uni<ObjectVersion> version(SqlClient db, long containerId, String name, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM object_version WHERE container_id = $1 AND name = $2 "
                + "AND id = $3 AND cluster <> 2")
                .execute(Tuple.of(containerId, name, id)).map(ObjectRepository::first);
    }

    /** Non-tombstone versions of a name, ascending by id. */
    public Uni<List<ObjectVersion>> versions(SqlClient db, long containerId, String name) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM object_version WHERE container_id = $1 AND name = $2 "
                + "AND cluster <> 2 ORDER BY id")
                .execute(Tuple.of(containerId, name)).map(ObjectRepository::all);
    }

    /** Current versions whose names start with {@code prefix} and sort after {@code marker}, by name. */
    public Uni<List<ObjectVersion>> listCurrent(SqlClient db, long containerId, String prefix, String marker) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM object_version WHERE container_id = $1 AND cluster = 0 "
                + "AND starts_with(name, $2) AND name > $3 ORDER BY name")
                .execute(Tuple.of(containerId, prefix, marker == null ? "" : marker)).map(ObjectRepository::all);
    }

    /** Per name the newest version with mtime before {@code until} that is not a tombstone. */
    public Uni<List<ObjectVersion>> listAsOf(SqlClient db, long containerId, String prefix, String marker,
            Instant until) {
        return db.preparedQuery("SELECT * FROM (SELECT DISTINCT ON (name) " + COLUMNS + " FROM object_version "
                + "WHERE container_id = $1 AND starts_with(name, $2) AND name > $3 AND mtime < $4 "
                + "ORDER BY name, id DESC) v WHERE cluster <> 2 ORDER BY name")
                .execute(Tuple.of(containerId, prefix, marker == null ? "" : marker, Rows.time(until)))
                .map(ObjectRepository::all);
    }

    /** Those of {@code hashes} (lower-case hex) that some version, in any cluster, references. */
    public Uni<Set<String>> referenced(SqlClient db, Collection<String> hashes) {
        if (hashes.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] wanted = hashes.toArray(new String[0]);
        return db.preparedQuery("SELECT DISTINCT h FROM object_version v, unnest(v.hashes) AS h "
                + "WHERE v.hashes && $1::text[] AND h = ANY($1::text[])")
                .execute(Tuple.of(wanted)).map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(r -> found.add(r.getString(0)));
                    return found;
                });
    }

    public Uni<Long> nextId(SqlClient db) {
        return db.query("SELECT nextval('version_serial') AS id").execute()
                .map(rs -> rs.iterator().next().getLong("id"));
    }

    public Uni<Void> insert(SqlClient db, ObjectVersion v) {
        return db.preparedQuery("""
                INSERT INTO object_version (id, container_id, name, uuid, size, hashes, top_hash, md5, content_type,
                  meta, other_meta, modified_by, mtime, cluster)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ($11::text)::jsonb, $12, $13, $14)""")
                .execute(Tuple.from(new Object[] {v.id(), v.containerId(), v.name(), v.uuid(), v.size(),
                        v.hashes().toArray(new String[0]), v.topHash(), v.md5(), v.contentType(), Rows.json(v.meta()),
                        v.otherMeta() == null ? "{}" : v.otherMeta(), v.modifiedBy(), Rows.time(v.mtime()),
                        v.cluster().code()}))
                .replaceWithVoid();
    }

    public Uni<Void> setCluster(SqlClient db, long id, Cluster cluster) {
        return db.preparedQuery("UPDATE object_version SET cluster = $2 WHERE id = $1")
                .execute(Tuple.of(id, cluster.code())).replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient db, long id) {
        return db.preparedQuery("DELETE FROM object_version WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** Destroys history versions and tombstones of the whole container with mtime ≤ {@code until}. */
    public Uni<Void> purgeHistory(SqlClient db, long containerId, Instant until) {
        return db.preparedQuery("DELETE FROM object_version WHERE container_id = $1 AND cluster <> 0 AND mtime <= $2")
                .execute(Tuple.of(containerId, Rows.time(until))).replaceWithVoid();
    }

    /** Destroys every version of a name with mtime ≤ {@code until}; returns the purged current version's size. */
    public Uni<Long> purgeName(SqlClient db, long containerId, String name, Instant until) {
        return db.preparedQuery("DELETE FROM object_version WHERE container_id = $1 AND name = $2 AND mtime <= $3 "
                + "RETURNING cluster, size")
                .execute(Tuple.of(containerId, name, Rows.time(until))).map(rs -> {
                    long freed = 0;
                    for (Row r : rs) {
                        if (r.getShort("cluster") == 0) {
                            freed += r.getLong("size");
                        }
                    }
                    return freed;
                });
    }

    public Uni<Boolean> anyVersion(SqlClient db, long containerId, String name) {
        return db.preparedQuery("SELECT 1 FROM object_version WHERE container_id = $1 AND name = $2 LIMIT 1")
                .execute(Tuple.of(containerId, name)).map(rs -> rs.size() > 0);
    }

    private static ObjectVersion first(RowSet<Row> rs) {
        return rs.size() == 0 ? null : map(rs.iterator().next());
    }

    private static List<ObjectVersion> all(RowSet<Row> rs) {
        List<ObjectVersion> l = new ArrayList<>(rs.size());
        rs.forEach(r -> l.add(map(r)));
        return l;
    }

    static ObjectVersion map(Row r) {
        String[] hashes = r.getArrayOfStrings("hashes");
        JsonObject meta = r.getJsonObject("meta");
        return new ObjectVersion(r.getLong("id"), r.getLong("container_id"), r.getString("name"),
                r.getUUID("uuid"), r.getLong("size"), List.copyOf(Arrays.asList(hashes)), r.getString("top_hash"),
                r.getString("md5"), r.getString("content_type"), Rows.strings(meta), r.getString("other_meta"),
                r.getString("modified_by"), Rows.instant(r.getOffsetDateTime("mtime")),
                Cluster.of(r.getShort("cluster")));
    }

    public static UUID newUuid() {
        return UUID.randomUUID();
    }
}
