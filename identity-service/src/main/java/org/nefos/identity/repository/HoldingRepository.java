package org.nefos.identity.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.identity.domain.Holding;
import org.nefos.identity.domain.HoldingKey;

/** SQL for {@code holding}, the quota counters. */
@ApplicationScoped
public class HoldingRepository {

    /** A member holding joined with its project holding: one line of a quota report. */
    public record QuotaLine(String user, String project, String resource, long limit, long usageMin, long usageMax,
            long projectLimit, long projectUsageMin, long projectUsageMax) {
    }

    public Uni<Void> insert(SqlClient db, HoldingKey key, long limit) {
        return db.preparedQuery("""
                INSERT INTO holding (holder, source, resource, limit_value) VALUES ($1, $2, $3, $4)
                ON CONFLICT (holder, source, resource) DO UPDATE SET limit_value = EXCLUDED.limit_value""")
                .execute(Tuple.of(key.holder(), key.storedSource(), key.resource(), limit)).replaceWithVoid();
    }

    /**
     * Locks the holdings in one deterministic order (so two commissions over the same holdings never
     * deadlock) and returns those that exist.
     */
    public Uni<Map<HoldingKey, Holding>> lock(SqlClient db, Collection<HoldingKey> keys) {
        String[] holders = keys.stream().map(HoldingKey::holder).toArray(String[]::new);
        String[] sources = keys.stream().map(HoldingKey::storedSource).toArray(String[]::new);
        String[] resources = keys.stream().map(HoldingKey::resource).toArray(String[]::new);
        return db.preparedQuery("""
                SELECT h.holder, h.source, h.resource, h.limit_value, h.usage_min, h.usage_max
                FROM holding h JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(holder, source, resource)
                  ON h.holder = k.holder AND h.source = k.source AND h.resource = k.resource
                ORDER BY h.holder, h.source, h.resource
                FOR UPDATE OF h""")
                .execute(Tuple.of(holders, sources, resources))
                .map(rs -> {
                    Map<HoldingKey, Holding> found = new LinkedHashMap<>();
                    rs.forEach(r -> {
                        Holding h = map(r);
                        found.put(h.key(), h);
                    });
                    return found;
                });
    }

    public Uni<Void> update(SqlClient db, Collection<Holding> holdings) {
        List<Tuple> batch = new ArrayList<>();
        for (Holding h : holdings) {
            batch.add(Tuple.of(h.key().holder(), h.key().storedSource(), h.key().resource(), h.limit(), h.usageMin(),
                    h.usageMax()));
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("""
                UPDATE holding SET limit_value = $4, usage_min = $5, usage_max = $6
                WHERE holder = $1 AND source = $2 AND resource = $3""")
                .executeBatch(batch).replaceWithVoid();
    }

    /** {@code GET /quotas}: the caller's member holdings in projects where the membership counts. */
    public Uni<List<QuotaLine>> quotasOfMember(SqlClient db, UUID person) {
        return lines(db.preparedQuery(QUOTA_SELECT + """
                JOIN membership m ON m.person::text = substring(h.holder FROM 6)
                 AND m.project::text = substring(h.source FROM 9)
                 AND m.state IN ('accepted', 'leave_requested')
                JOIN project p ON p.uuid = m.project AND p.state <> 'deleted'
                WHERE h.holder = $1 AND r.api_visible
                ORDER BY p.system_project DESC, p.creation_date, r.position""")
                .execute(Tuple.of("user:" + person)));
    }

    /** {@code GET /service_quotas}: every member holding of the component's resources, optionally filtered. */
    public Uni<List<QuotaLine>> quotasForComponent(SqlClient db, String component, List<String> users,
            List<String> projects) {
        String[] holders = users == null ? null : users.stream().map(u -> "user:" + u).toArray(String[]::new);
        String[] sources = projects == null ? null : projects.stream().map(p -> "project:" + p).toArray(String[]::new);
        return lines(db.preparedQuery(QUOTA_SELECT + """
                WHERE h.holder LIKE 'user:%' AND r.component = $1
                  AND ($2::text[] IS NULL OR h.holder = ANY($2))
                  AND ($3::text[] IS NULL OR h.source = ANY($3))
                ORDER BY h.holder, h.source, r.position""")
                .execute(Tuple.of(component, holders, sources)));
    }

    /** {@code GET /service_project_quotas}: project holdings of initialized projects. */
    public Uni<List<QuotaLine>> projectQuotasForComponent(SqlClient db, String component, List<String> projects) {
        String[] holders = projects == null ? null : projects.stream().map(p -> "project:" + p).toArray(String[]::new);
        return db.preparedQuery("""
                SELECT h.holder, h.resource, h.limit_value, h.usage_min, h.usage_max
                FROM holding h JOIN resource r ON r.name = h.resource
                JOIN project p ON p.uuid::text = substring(h.holder FROM 9)
                WHERE h.holder LIKE 'project:%' AND h.source = '' AND r.component = $1
                  AND p.state IN ('active', 'suspended', 'terminated')
                  AND ($2::text[] IS NULL OR h.holder = ANY($2))
                ORDER BY h.holder, r.position""")
                .execute(Tuple.of(component, holders))
                .map(rs -> {
                    List<QuotaLine> out = new ArrayList<>();
                    rs.forEach(r -> out.add(new QuotaLine(null, r.getString("holder").substring(8),
                            r.getString("resource"), 0, 0, 0, r.getLong("limit_value"), r.getLong("usage_min"),
                            r.getLong("usage_max"))));
                    return out;
                });
    }

    private static final String QUOTA_SELECT = """
            SELECT h.holder, h.source, h.resource, h.limit_value, h.usage_min, h.usage_max,
                   COALESCE(ph.limit_value, 0) AS p_limit, COALESCE(ph.usage_min, 0) AS p_min,
                   COALESCE(ph.usage_max, 0) AS p_max
            FROM holding h
            JOIN resource r ON r.name = h.resource
            LEFT JOIN holding ph ON ph.holder = h.source AND ph.source = '' AND ph.resource = h.resource
            """;

    private static Uni<List<QuotaLine>> lines(Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> rows) {
        return rows.map(rs -> {
            List<QuotaLine> out = new ArrayList<>();
            rs.forEach(r -> out.add(new QuotaLine(r.getString("holder").substring(5),
                    r.getString("source").substring(8), r.getString("resource"), r.getLong("limit_value"),
                    r.getLong("usage_min"), r.getLong("usage_max"), r.getLong("p_limit"), r.getLong("p_min"),
                    r.getLong("p_max"))));
            return out;
        });
    }

    private static Holding map(Row r) {
        return new Holding(HoldingKey.fromStored(r.getString("holder"), r.getString("source"), r.getString("resource")),
                r.getLong("limit_value"), r.getLong("usage_min"), r.getLong("usage_max"));
    }
}
