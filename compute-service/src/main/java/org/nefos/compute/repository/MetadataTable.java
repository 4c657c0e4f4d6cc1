package org.nefos.compute.repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The key/value metadata tables of servers, volumes and snapshots: one row per (owner, key). Table and column
 * names come from this codebase only, never from a request.
 */
record MetadataTable(String table, String ownerColumn) {

    static final MetadataTable SERVER = new MetadataTable("server_metadata", "server_id");
    static final MetadataTable VOLUME = new MetadataTable("volume_metadata", "volume_id");
    static final MetadataTable SNAPSHOT = new MetadataTable("snapshot_metadata", "snapshot_id");

    /** The metadata of the given owners, each sorted by key; owners without any are absent. */
    <K> Uni<Map<K, Map<String, String>>> of(SqlClient db, K[] owners, Class<K> type) {
        return db.preparedQuery("SELECT " + ownerColumn + ", key, value FROM " + table + " WHERE " + ownerColumn
                + " = ANY($1)").execute(Tuple.of(owners)).map(rows -> {
                    Map<K, Map<String, String>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.get(type, ownerColumn), k -> new TreeMap<>())
                            .put(r.getString("key"), r.getString("value")));
                    return out;
                });
    }

    /** Sets the given keys of one owner, adding or overwriting. */
    Uni<Void> put(SqlClient db, Object owner, Map<String, String> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        items.forEach((k, v) -> batch.add(Tuple.of(owner, k, v)));
        return db.preparedQuery("INSERT INTO " + table + " (" + ownerColumn + ", key, value) VALUES ($1, $2, $3) "
                + "ON CONFLICT (" + ownerColumn + ", key) DO UPDATE SET value = EXCLUDED.value")
                .executeBatch(batch).replaceWithVoid();
    }

    Uni<Void> clear(SqlClient db, Object owner) {
        return db.preparedQuery("DELETE FROM " + table + " WHERE " + ownerColumn + " = $1").execute(Tuple.of(owner))
                .replaceWithVoid();
    }

    /** Whether the key existed. */
    Uni<Boolean> delete(SqlClient db, Object owner, String key) {
        return db.preparedQuery("DELETE FROM " + table + " WHERE " + ownerColumn + " = $1 AND key = $2")
                .execute(Tuple.of(owner, key)).map(rs -> rs.rowCount() == 1);
    }
}
