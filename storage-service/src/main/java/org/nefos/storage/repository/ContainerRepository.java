package org.nefos.storage.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.storage.domain.Container;

/** SQL for {@code container} and its statistics. */
@ApplicationScoped
public class ContainerRepository {

    /** Counts of current objects (as of {@code until} when not null). */
    public record Stats(long count, long bytes, Instant lastModified) {
    }

    private static final String COLUMNS = "id, account, name, quota, versioning, project, meta, created_at, modified_at";

    public Uni<Container> find(SqlClient db, String account, String name) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM container WHERE account = $1 AND name = $2")
                .execute(Tuple.of(account, name))
                .map(rs -> rs.size() == 0 ? null : map(rs.iterator().next()));
    }

    public Uni<Container> byId(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM container WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? null : map(rs.iterator().next()));
    }

    public Uni<Container> lock(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM container WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .map(rs -> rs.size() == 0 ? null : map(rs.iterator().next()));
    }

    public Uni<List<Container>> list(SqlClient db, String account) {
        return db.preparedQuery("SELECT " + COLUMNS + " FROM container WHERE account = $1 ORDER BY name COLLATE \"C\"")
                .execute(Tuple.of(account)).map(rs -> {
                    List<Container> l = new ArrayList<>();
                    rs.forEach(r -> l.add(map(r)));
                    return l;
                });
    }

    public Uni<Container> insert(SqlClient db, String account, String name, long quota, String versioning,
            String project, Map<String, String> meta) {
        return db.preparedQuery("INSERT INTO container (account, name, quota, versioning, project, meta) "
                + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account, name) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.from(new Object[] {account, name, quota, versioning, project, Rows.json(meta)}))
                .map(rs -> rs.size() == 0 ? null : map(rs.iterator().next()));
    }

    public Uni<Void> update(SqlClient db, Container c) {
        return db.preparedQuery("UPDATE container SET quota = $2, versioning = $3, project = $4, meta = $5, "
                + "modified_at = now() WHERE id = $1")
                .execute(Tuple.of(c.id(), c.quota(), c.versioning(), c.project(), Rows.json(c.meta())))
                .replaceWithVoid();
    }

    public Uni<Void> touch(SqlClient db, long id) {
        return db.preparedQuery("UPDATE container SET modified_at = now() WHERE id = $1")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> delete(SqlClient db, long id) {
        return db.preparedQuery("DELETE FROM container WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Stats> stats(SqlClient db, long id, Instant until) {
        if (until == null) {
            return db.preparedQuery("""
                    SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes FROM object_version
                    WHERE container_id = $1 AND cluster = 0""")
                    .execute(Tuple.of(id)).chain(rs -> lastModified(db, id).map(t -> {
                        Row r = rs.iterator().next();
                        return new Stats(r.getLong("n"), r.getLong("bytes"), t);
                    }));
        }
        return db.preparedQuery("""
                SELECT count(*) AS n, coalesce(sum(size), 0) AS bytes, max(mtime) AS t FROM (
                  SELECT DISTINCT ON (name) name, size, cluster, mtime FROM object_version
                  WHERE container_id = $1 AND mtime < $2 ORDER BY name, id DESC) v WHERE cluster <> 2""")
                .execute(Tuple.of(id, Rows.time(until))).map(rs -> {
                    Row r = rs.iterator().next();
                    return new Stats(r.getLong("n"), r.getLong("bytes"), Rows.instant(r.getOffsetDateTime("t")));
                });
    }

    /** Newest change in the container (record or any version). */
    public Uni<Instant> lastModified(SqlClient db, long id) {
        return db.preparedQuery("""
                SELECT greatest(c.modified_at, (SELECT max(mtime) FROM object_version WHERE container_id = c.id)) AS t
                FROM container c WHERE c.id = $1""")
                .execute(Tuple.of(id)).map(rs -> Rows.instant(rs.iterator().next().getOffsetDateTime("t")));
    }

    /** Distinct object metadata keys (without prefix) of current objects. */
    public Uni<List<String>> objectMetaKeys(SqlClient db, long id) {
        return db.preparedQuery("""
                SELECT DISTINCT k FROM object_version, jsonb_object_keys(meta) k
                WHERE container_id = $1 AND cluster = 0 AND k LIKE 'X-Object-Meta-%' ORDER BY k""")
                .execute(Tuple.of(id)).map(rs -> {
                    List<String> l = new ArrayList<>();
                    rs.forEach(r -> l.add(r.getString("k").substring("X-Object-Meta-".length())));
                    return l;
                });
    }

    static Container map(Row r) {
        return new Container(r.getLong("id"), r.getString("account"), r.getString("name"), r.getLong("quota"),
                r.getString("versioning"), r.getString("project"), Rows.strings(r.getJsonObject("meta")),
                Rows.instant(r.getOffsetDateTime("created_at")), Rows.instant(r.getOffsetDateTime("modified_at")));
    }
}
