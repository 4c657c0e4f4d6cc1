package org.nefos.compute.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the server and volume tables share: rows changed with a per-resource {@code sequence}, and a recorded
 * quota commission decision that waits to be sent to identity. The table name comes from this codebase only.
 */
record CommissionedTable(String table) {

    static final CommissionedTable SERVER = new CommissionedTable("server");
    static final CommissionedTable VOLUME = new CommissionedTable("volume");

    /**
     * Sets the given columns (names from this codebase only), bumps {@code sequence} and {@code updated};
     * returns the new sequence.
     */
    Uni<Long> update(SqlClient db, long id, Map<String, Object> columns) {
        StringBuilder sql = new StringBuilder("UPDATE " + table + " SET ");
        List<Object> args = new ArrayList<>();
        args.add(id);
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            args.add(e.getValue());
            sql.append(e.getKey()).append(" = $").append(args.size()).append(", ");
        }
        sql.append("sequence = sequence + 1, updated = clock_timestamp() WHERE id = $1 RETURNING sequence");
        return db.preparedQuery(sql.toString()).execute(Tuple.from(args))
                .map(rs -> rs.iterator().next().getLong("sequence"));
    }

    /** Rows with a decided commission not yet sent to identity. */
    Uni<List<Long>> unsettled(SqlClient db) {
        return db.query("SELECT id FROM " + table + " WHERE commission_outcome IS NOT NULL ORDER BY id LIMIT 100")
                .execute().map(rs -> {
                    List<Long> ids = new ArrayList<>();
                    rs.forEach(r -> ids.add(r.getLong("id")));
                    return ids;
                });
    }

    /** Forgets a commission once identity resolved it (only if it is still the one recorded). */
    Uni<Void> clearCommission(SqlClient db, long id, long serial) {
        return db.preparedQuery("UPDATE " + table + " SET commission_serial = NULL, commission_outcome = NULL "
                + "WHERE id = $1 AND commission_serial = $2").execute(Tuple.of(id, serial)).replaceWithVoid();
    }
}
