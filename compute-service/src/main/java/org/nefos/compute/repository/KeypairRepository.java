package org.nefos.compute.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.compute.domain.Keypair;

/** Users' SSH keys. */
@ApplicationScoped
public class KeypairRepository {

    private static final String SELECT =
            "SELECT id, user_id, name, public_key, fingerprint, created_at, updated_at FROM keypair";

    public Uni<List<Keypair>> list(SqlClient db, String userId) {
        return db.preparedQuery(SELECT + " WHERE user_id = $1 ORDER BY name").execute(Tuple.of(userId)).map(rs -> {
            List<Keypair> out = new ArrayList<>();
            rs.forEach(r -> out.add(map(r)));
            return out;
        });
    }

    public Uni<Keypair> find(SqlClient db, String userId, String name) {
        return db.preparedQuery(SELECT + " WHERE user_id = $1 AND name = $2").execute(Tuple.of(userId, name))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    public Uni<Long> count(SqlClient db, String userId) {
        return db.preparedQuery("SELECT count(*) AS n FROM keypair WHERE user_id = $1").execute(Tuple.of(userId))
                .map(rs -> rs.iterator().next().getLong("n"));
    }

    /** Inserts; false when the user already has a key of that name. */
    public Uni<Boolean> insert(SqlClient db, String userId, String name, String publicKey, String fingerprint) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.preparedQuery("""
                INSERT INTO keypair (user_id, name, public_key, fingerprint, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (user_id, name) DO NOTHING""")
                .execute(Tuple.of(userId, name, publicKey, fingerprint, now)).map(rs -> rs.rowCount() == 1);
    }

    public Uni<Boolean> delete(SqlClient db, String userId, String name) {
        return db.preparedQuery("DELETE FROM keypair WHERE user_id = $1 AND name = $2").execute(Tuple.of(userId, name))
                .map(rs -> rs.rowCount() == 1);
    }

    static Keypair map(Row r) {
        return new Keypair(r.getLong("id"), r.getString("user_id"), r.getString("name"), r.getString("public_key"),
                r.getString("fingerprint"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant());
    }
}
