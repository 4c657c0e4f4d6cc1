package org.nefos.compute.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.compute.domain.Snapshot;

/** Volume snapshots and their metadata. SQL only; callers own the transactions. */
@ApplicationScoped
public class SnapshotRepository {

    private static final String COLUMNS =
            "id, volume_id, user_id, name, description, size, status, job_id, created, updated";

    public Uni<Snapshot> insert(SqlClient db, Snapshot s) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.preparedQuery("""
                INSERT INTO snapshot (id, volume_id, user_id, name, description, size, status, job_id, created, updated)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING """ + " " + COLUMNS)
                .execute(Tuple.from(new Object[] {s.id(), s.volumeId(), s.userId(), s.name(), s.description(),
                        s.size(), s.status(), s.jobId(), now}))
                .map(rs -> map(rs.iterator().next()).withMetadata(Map.of()));
    }

    /** The user's snapshot or null. */
    public Uni<Snapshot> find(SqlClient db, String id, String userId, boolean lock) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM snapshot WHERE id = $1 AND user_id = $2"
                + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(id, userId))
                .chain(rs -> withMetadata(db, rs)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<Snapshot> lock(SqlClient db, String id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM snapshot WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(rs -> withMetadata(db, rs)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<List<Snapshot>> list(SqlClient db, String userId, java.time.Instant since) {
        Uni<RowSet<Row>> rows = since == null
                ? db.preparedQuery("SELECT " + COLUMNS + " FROM snapshot WHERE user_id = $1 ORDER BY created, id")
                        .execute(Tuple.of(userId))
                : db.preparedQuery("SELECT " + COLUMNS
                        + " FROM snapshot WHERE user_id = $1 AND updated >= $2 ORDER BY created, id")
                        .execute(Tuple.of(userId, since.atOffset(ZoneOffset.UTC)));
        return rows.chain(rs -> withMetadata(db, rs));
    }

    /** Snapshots still CREATING whose job started before {@code before}. */
    public Uni<List<Snapshot>> stuck(SqlClient db, java.time.Instant before) {
        return db.preparedQuery("SELECT " + COLUMNS
                + " FROM snapshot WHERE status = 'CREATING' AND created < $1 ORDER BY created LIMIT 100")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(SnapshotRepository::plain);
    }

    public Uni<Void> update(SqlClient db, String id, String name, String description, String status) {
        return db.preparedQuery("""
                UPDATE snapshot SET name = COALESCE($2, name), description = COALESCE($3, description),
                    status = COALESCE($4, status), updated = clock_timestamp() WHERE id = $1""")
                .execute(Tuple.of(id, name, description, status)).replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient db, String id) {
        return db.preparedQuery("DELETE FROM snapshot WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> putMetadata(SqlClient db, String id, Map<String, String> items) {
        return MetadataTable.SNAPSHOT.put(db, id, items);
    }

    public Uni<Void> clearMetadata(SqlClient db, String id) {
        return MetadataTable.SNAPSHOT.clear(db, id);
    }

    public Uni<Boolean> deleteMetadata(SqlClient db, String id, String key) {
        return MetadataTable.SNAPSHOT.delete(db, id, key);
    }

    private Uni<List<Snapshot>> withMetadata(SqlClient db, RowSet<Row> rs) {
        List<Snapshot> list = plain(rs);
        if (list.isEmpty()) {
            return Uni.createFrom().item(list);
        }
        String[] ids = list.stream().map(Snapshot::id).toArray(String[]::new);
        return MetadataTable.SNAPSHOT.of(db, ids, String.class).map(m -> list.stream()
                .map(s -> s.withMetadata(m.getOrDefault(s.id(), Map.of()))).toList());
    }

    private static List<Snapshot> plain(RowSet<Row> rs) {
        List<Snapshot> out = new ArrayList<>();
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    private static Snapshot map(Row r) {
        return new Snapshot(r.getString("id"), r.getLong("volume_id"), r.getString("user_id"), r.getString("name"),
                r.getString("description"), r.getInteger("size"), r.getString("status"), r.getLong("job_id"),
                VolumeRepository.instant(r, "created"), VolumeRepository.instant(r, "updated"), Map.of());
    }
}
