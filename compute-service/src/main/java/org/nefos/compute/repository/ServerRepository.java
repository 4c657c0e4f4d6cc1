package org.nefos.compute.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.compute.domain.OperState;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.Task;

/** Servers, their metadata and tags. SQL only; callers own the transactions. */
@ApplicationScoped
public class ServerRepository {

    private static final String COLUMNS = """
            id, name, user_id, project, shared_to_project, flavor_id, image_id, operstate, task, job_id, task_started,
            target_flavor_id, progress, suspended, deleted, rescue, quota_held, commission_serial, commission_outcome,
            key_names, admin_pass, message, created, updated, sequence""";

    /** The new server row, as the create request left it. */
    public record NewServer(String name, String userId, String project, boolean sharedToProject, long flavorId,
            String imageId, long jobId, long commissionSerial, List<String> keyNames, String adminPass) {
    }

    public Uni<Long> nextJobId(SqlClient db) {
        return db.query("SELECT nextval('backend_job_id') AS id").execute()
                .map(rs -> rs.iterator().next().getLong("id"));
    }

    public Uni<Server> insert(SqlClient db, NewServer s) {
        return insert(db, null, s);
    }

    /** With {@code id} reserved beforehand (its ports name it), or null for the next one. */
    public Uni<Server> insert(SqlClient db, Long id, NewServer s) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.preparedQuery("""
                INSERT INTO server (id, name, user_id, project, shared_to_project, flavor_id, image_id, operstate, task,
                    job_id, task_started, commission_serial, commission_outcome, quota_held, key_names, admin_pass,
                    created, updated, sequence)
                VALUES (COALESCE($12, nextval('server_id_seq')), $1, $2, $3, $4, $5, $6, 'BUILD', 'BUILD', $7, $8, $9,
                    TRUE, TRUE, $10, $11, $8, $8, 1)
                RETURNING """ + " " + COLUMNS)
                .execute(Tuple.from(new Object[] {s.name(), s.userId(), s.project(), s.sharedToProject(), s.flavorId(),
                        s.imageId(), s.jobId(), now, s.commissionSerial(), s.keyNames().toArray(new String[0]),
                        s.adminPass(), id}))
                .map(rs -> map(rs.iterator().next()));
    }

    /** The user's server (deleted ones included), or null: someone else's server is just as absent. */
    public Uni<Server> find(SqlClient db, long id, String userId, boolean lock) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM server WHERE id = $1 AND user_id = $2"
                + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(id, userId))
                .chain(rs -> withDetails(db, rs))
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** Any server, locked (for the consumers and the reconciler). */
    public Uni<Server> lock(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM server WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(rs -> withDetails(db, rs))
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    /** The user's servers by id; without {@code since} only the non-deleted ones. */
    public Uni<List<Server>> list(SqlClient db, String userId, Instant since, boolean details) {
        Uni<RowSet<Row>> rows = since == null
                ? db.preparedQuery("SELECT " + COLUMNS + " FROM server WHERE user_id = $1 AND NOT deleted ORDER BY id")
                        .execute(Tuple.of(userId))
                : db.preparedQuery("SELECT " + COLUMNS + " FROM server WHERE user_id = $1 AND updated >= $2 ORDER BY id")
                        .execute(Tuple.of(userId, since.atOffset(ZoneOffset.UTC)));
        return rows.chain(rs -> details ? withDetails(db, rs) : Uni.createFrom().item(plain(rs)));
    }

    /** Servers whose backend job started before {@code before} and has not ended. */
    public Uni<List<Server>> stuck(SqlClient db, Instant before) {
        return db.preparedQuery("SELECT " + COLUMNS
                + " FROM server WHERE task IS NOT NULL AND task_started < $1 ORDER BY id LIMIT 100")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(ServerRepository::plain);
    }

    /** Servers with a decided commission not yet sent to identity. */
    public Uni<List<Long>> unsettled(SqlClient db) {
        return CommissionedTable.SERVER.unsettled(db);
    }

    /**
     * Sets the given columns (names from this codebase only), bumps the sequence and {@code updated};
     * returns the new sequence.
     */
    public Uni<Long> update(SqlClient db, long id, Map<String, Object> columns) {
        return CommissionedTable.SERVER.update(db, id, columns);
    }

    /** Forgets a commission once identity resolved it (only if it is still the one recorded). */
    public Uni<Void> clearCommission(SqlClient db, long id, long serial) {
        return CommissionedTable.SERVER.clearCommission(db, id, serial);
    }

    /** Password cache: set or forget. */
    public Uni<Void> setAdminPass(SqlClient db, long id, String pass) {
        return db.preparedQuery("UPDATE server SET admin_pass = $2 WHERE id = $1").execute(Tuple.of(id, pass))
                .replaceWithVoid();
    }

    // metadata

    public Uni<Void> putMetadata(SqlClient db, long id, Map<String, String> items) {
        return MetadataTable.SERVER.put(db, id, items);
    }

    public Uni<Boolean> deleteMetadata(SqlClient db, long id, String key) {
        return MetadataTable.SERVER.delete(db, id, key);
    }

    // tags

    /** Every tag of the server with its status, in insertion order. */
    public Uni<LinkedHashMap<String, String>> tags(SqlClient db, long id) {
        return db.preparedQuery("SELECT tag, status FROM server_tag WHERE server_id = $1 ORDER BY position")
                .execute(Tuple.of(id)).map(rs -> {
                    LinkedHashMap<String, String> out = new LinkedHashMap<>();
                    rs.forEach(r -> out.put(r.getString("tag"), r.getString("status")));
                    return out;
                });
    }

    /** Adds tags as PENDADD; returns how many were new. */
    public Uni<Integer> addTags(SqlClient db, long id, List<String> tags) {
        if (tags.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> batch = new ArrayList<>();
        tags.forEach(t -> batch.add(Tuple.of(id, t)));
        return db.preparedQuery("""
                INSERT INTO server_tag (server_id, tag, status) VALUES ($1, $2, 'PENDADD')
                ON CONFLICT (server_id, tag) DO NOTHING""")
                .executeBatch(batch).map(rs -> {
                    int n = 0;
                    for (RowSet<Row> r = rs; r != null; r = r.next()) {
                        n += r.rowCount();
                    }
                    return n;
                });
    }

    /** Removes tags ({@code tag == null}: all); returns how many ACTIVE ones went. */
    public Uni<Integer> deleteTags(SqlClient db, long id, String tag) {
        Uni<RowSet<Row>> rs = tag == null
                ? db.preparedQuery("DELETE FROM server_tag WHERE server_id = $1 RETURNING status").execute(Tuple.of(id))
                : db.preparedQuery("DELETE FROM server_tag WHERE server_id = $1 AND tag = $2 RETURNING status")
                        .execute(Tuple.of(id, tag));
        return rs.map(r -> {
            int active = 0;
            for (Row row : r) {
                if ("ACTIVE".equals(row.getString("status"))) {
                    active++;
                }
            }
            return active;
        });
    }

    /** The backend confirmed the pending tags. */
    public Uni<Void> activateTags(SqlClient db, long id) {
        return db.preparedQuery("UPDATE server_tag SET status = 'ACTIVE' WHERE server_id = $1 AND status = 'PENDADD'")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> dropPendingTags(SqlClient db, long id) {
        return db.preparedQuery("DELETE FROM server_tag WHERE server_id = $1 AND status = 'PENDADD'")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    // mapping

    private Uni<List<Server>> withDetails(SqlClient db, RowSet<Row> rs) {
        List<Server> servers = plain(rs);
        if (servers.isEmpty()) {
            return Uni.createFrom().item(servers);
        }
        Long[] ids = servers.stream().map(Server::id).toArray(Long[]::new);
        Uni<Map<Long, Map<String, String>>> metadata = MetadataTable.SERVER.of(db, ids, Long.class);
        Uni<Map<Long, List<String>>> tags = db.preparedQuery("""
                SELECT server_id, tag FROM server_tag WHERE server_id = ANY($1) AND status = 'ACTIVE'
                ORDER BY position""")
                .execute(Tuple.of(ids)).map(rows -> {
                    Map<Long, List<String>> out = new HashMap<>();
                    rows.forEach(r -> out.computeIfAbsent(r.getLong("server_id"), k -> new ArrayList<>())
                            .add(r.getString("tag")));
                    return out;
                });
        return metadata.chain(m -> tags.map(t -> servers.stream()
                .map(s -> s.withMetadataAndTags(m.getOrDefault(s.id(), Map.of()), t.getOrDefault(s.id(), List.of())))
                .toList()));
    }

    private static List<Server> plain(RowSet<Row> rs) {
        List<Server> out = new ArrayList<>();
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    static Server map(Row r) {
        String task = r.getString("task");
        String[] keys = r.getArrayOfStrings("key_names");
        return new Server(r.getLong("id"), r.getString("name"), r.getString("user_id"), r.getString("project"),
                r.getBoolean("shared_to_project"), r.getLong("flavor_id"), r.getString("image_id"),
                OperState.valueOf(r.getString("operstate")), task == null ? null : Task.valueOf(task),
                r.getLong("job_id"), instant(r, "task_started"), r.getLong("target_flavor_id"),
                r.getInteger("progress"), r.getBoolean("suspended"), r.getBoolean("deleted"), r.getBoolean("rescue"),
                r.getBoolean("quota_held"), r.getLong("commission_serial"), r.getBoolean("commission_outcome"),
                keys == null ? List.of() : Arrays.asList(keys), r.getString("admin_pass"), r.getString("message"),
                instant(r, "created"), instant(r, "updated"), r.getLong("sequence"), Map.of(), List.of());
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
