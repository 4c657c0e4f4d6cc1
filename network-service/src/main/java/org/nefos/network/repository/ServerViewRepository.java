package org.nefos.network.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Compute's servers as far as their ports care: owner and API status, from {@code compute.server.events}. */
@ApplicationScoped
public class ServerViewRepository {

    public record ServerView(long id, String userId, String status) {
    }

    public Uni<ServerView> find(SqlClient db, long id) {
        return db.preparedQuery("SELECT id, user_id, status FROM server_view WHERE id = $1").execute(Tuple.of(id))
                .map(rs -> {
                    if (!rs.iterator().hasNext()) {
                        return null;
                    }
                    var r = rs.iterator().next();
                    return new ServerView(r.getLong("id"), r.getString("user_id"), r.getString("status"));
                });
    }

    public Uni<Void> upsert(SqlClient db, long id, String userId, String status) {
        return db.preparedQuery("""
                INSERT INTO server_view (id, user_id, status, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, status = EXCLUDED.status,
                    updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(id, userId, status, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid();
    }
}
