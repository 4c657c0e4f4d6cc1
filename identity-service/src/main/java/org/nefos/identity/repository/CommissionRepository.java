package org.nefos.identity.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.identity.domain.Commission;
import org.nefos.identity.domain.HoldingKey;

/** SQL for commissions and their provisions. */
@ApplicationScoped
public class CommissionRepository {

    public Uni<Long> insert(SqlClient db, String component, String name, String state, Instant issued) {
        return db.preparedQuery("""
                INSERT INTO commission (component, name, state, issue_time, resolved_at)
                VALUES ($1, $2, $3::text, $4::timestamptz, CASE WHEN $3::text = 'pending' THEN NULL ELSE $4::timestamptz END) RETURNING serial""")
                .execute(Tuple.of(component, name, state, UserRepository.utc(issued)))
                .map(rs -> rs.iterator().next().getLong("serial"));
    }

    public Uni<Void> insertProvisions(SqlClient db, long serial, List<Commission.Line> lines) {
        List<Tuple> batch = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Commission.Line l = lines.get(i);
            batch.add(Tuple.of(serial, i, l.key().holder(), l.key().storedSource(), l.key().resource(), l.quantity()));
        }
        return db.preparedQuery("""
                INSERT INTO provision (serial, position, holder, source, resource, quantity)
                VALUES ($1, $2, $3, $4, $5, $6)""")
                .executeBatch(batch).replaceWithVoid();
    }

    /** The pending commission {@code serial} of {@code component}, or null; {@code lock} takes a row lock. */
    public Uni<Commission> findPending(SqlClient db, String component, long serial, boolean lock) {
        return db.preparedQuery("SELECT serial, component, name, issue_time FROM commission "
                + "WHERE serial = $1 AND component = $2 AND state = 'pending'" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(serial, component))
                .chain(rs -> {
                    if (!rs.iterator().hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    var row = rs.iterator().next();
                    return lines(db, serial).map(lines -> new Commission(row.getLong("serial"),
                            row.getString("component"), row.getString("name"), UserRepository.instant(row, "issue_time"),
                            lines));
                });
    }

    public Uni<List<Long>> pendingSerials(SqlClient db, String component) {
        return db.preparedQuery("SELECT serial FROM commission WHERE component = $1 AND state = 'pending' ORDER BY serial")
                .execute(Tuple.of(component))
                .map(rs -> {
                    List<Long> serials = new ArrayList<>();
                    rs.forEach(r -> serials.add(r.getLong("serial")));
                    return serials;
                });
    }

    public Uni<Void> resolve(SqlClient db, long serial, String state) {
        return db.preparedQuery("UPDATE commission SET state = $2, resolved_at = now() WHERE serial = $1")
                .execute(Tuple.of(serial, state)).replaceWithVoid();
    }

    private Uni<List<Commission.Line>> lines(SqlClient db, long serial) {
        return db.preparedQuery("""
                SELECT holder, source, resource, quantity FROM provision WHERE serial = $1 ORDER BY position""")
                .execute(Tuple.of(serial))
                .map(rs -> {
                    List<Commission.Line> lines = new ArrayList<>();
                    rs.forEach(r -> lines.add(new Commission.Line(
                            HoldingKey.fromStored(r.getString("holder"), r.getString("source"), r.getString("resource")),
                            r.getLong("quantity"))));
                    return lines;
                });
    }
}
