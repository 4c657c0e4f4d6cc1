package org.nefos.network.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.network.domain.Network;

/** Networks. Visibility: own, public, or shared to one of the caller's projects (cyclades-api.md 1.7). */
@ApplicationScoped
public class NetworkRepository {

    static final String VISIBLE = "(n.public OR n.user_id = $1 OR (n.shared_to_project AND n.project_id = ANY($2)))";
    private static final String SELECT = """
            SELECT n.*, ARRAY(SELECT s.id FROM subnet s WHERE s.network_id = n.id ORDER BY s.id) AS subnet_ids
            FROM network n""";

    /** Visible networks changed at or after {@code since}, deleted ones included ({@code changes-since}). */
    public Uni<List<Network>> listChanged(SqlClient db, String userId, Set<String> projects, java.time.Instant since) {
        return db.preparedQuery(SELECT + " WHERE n.updated_at >= $3 AND " + VISIBLE + " ORDER BY n.id")
                .execute(Tuple.of(userId, projects.toArray(new String[0]), since.atOffset(java.time.ZoneOffset.UTC)))
                .map(rs -> {
                    List<Network> out = new ArrayList<>();
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<List<Network>> listVisible(SqlClient db, String userId, Set<String> projects) {
        return db.preparedQuery(SELECT + " WHERE NOT n.deleted AND " + VISIBLE + " ORDER BY n.id")
                .execute(Tuple.of(userId, projects.toArray(new String[0]))).map(rs -> {
                    List<Network> out = new ArrayList<>();
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    /** The network if the caller may see it (deleted ones included), else null. */
    public Uni<Network> findVisible(SqlClient db, String userId, Set<String> projects, long id) {
        return db.preparedQuery(SELECT + " WHERE n.id = $3 AND " + VISIBLE)
                .execute(Tuple.of(userId, projects.toArray(new String[0]), id)).map(NetworkRepository::first);
    }

    /** Locks the row for the rest of the transaction (ports and IPs are allocated under it). */
    public Uni<Network> lock(SqlClient db, long id) {
        return db.preparedQuery("SELECT id FROM network WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(() -> db.preparedQuery(SELECT + " WHERE n.id = $1").execute(Tuple.of(id)))
                .map(NetworkRepository::first);
    }

    /** Public floating-IP pool networks that are usable, lowest id first. */
    public Uni<List<Long>> floatingPools(SqlClient db) {
        return db.query("SELECT id FROM network WHERE public AND floating_ip_pool AND NOT deleted AND status = 'ACTIVE' "
                + "ORDER BY id").execute().map(rs -> {
                    List<Long> out = new ArrayList<>();
                    rs.forEach(r -> out.add(r.getLong("id")));
                    return out;
                });
    }

    public Uni<Long> insert(SqlClient db, String name, String userId, String projectId, boolean shared, String type) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.preparedQuery("""
                INSERT INTO network (name, user_id, project_id, shared_to_project, type, status, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, 'ACTIVE', $6, $6) RETURNING id""")
                .execute(Tuple.from(new Object[] {name, userId, projectId, shared, type, now}))
                .map(rs -> rs.iterator().next().getLong("id"));
    }

    public Uni<Void> rename(SqlClient db, long id, String name) {
        return db.preparedQuery("UPDATE network SET name = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, name, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Void> reassign(SqlClient db, long id, String projectId, boolean shared) {
        return db.preparedQuery("UPDATE network SET project_id = $2, shared_to_project = $3, updated_at = $4 WHERE id = $1")
                .execute(Tuple.of(id, projectId, shared, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Void> markDeleted(SqlClient db, long id) {
        return db.preparedQuery("UPDATE network SET status = 'DELETED', deleted = TRUE, updated_at = $2 WHERE id = $1")
                .execute(Tuple.of(id, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Long> countPorts(SqlClient db, long id) {
        return db.preparedQuery("SELECT count(*) AS n FROM port WHERE network_id = $1").execute(Tuple.of(id))
                .map(rs -> rs.iterator().next().getLong("n"));
    }

    public Uni<Long> countFloatingIps(SqlClient db, long id) {
        return db.preparedQuery("SELECT count(*) AS n FROM ip_address WHERE network_id = $1 AND floating")
                .execute(Tuple.of(id)).map(rs -> rs.iterator().next().getLong("n"));
    }

    private static Network first(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        return rs.iterator().hasNext() ? map(rs.iterator().next()) : null;
    }

    static Network map(Row r) {
        Long[] subnets = r.getArrayOfLongs("subnet_ids");
        return new Network(r.getLong("id"), r.getString("name"), r.getString("user_id"), r.getString("project_id"),
                r.getBoolean("shared_to_project"), r.getString("type"), r.getString("status"), r.getBoolean("public"),
                r.getBoolean("floating_ip_pool"), r.getBoolean("deleted"),
                subnets == null ? List.of() : Arrays.asList(subnets),
                r.getOffsetDateTime("created_at").toInstant(), r.getOffsetDateTime("updated_at").toInstant());
    }
}
