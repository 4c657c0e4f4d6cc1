package org.nefos.identity.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for {@code component}: the Synnefo components (astakos, cyclades, pithos) and their service tokens. */
@ApplicationScoped
public class ComponentRepository {

    public record Component(String name, Instant expires) {
    }

    public Uni<Component> findByToken(SqlClient db, String token) {
        return db.preparedQuery("SELECT name, token_expires FROM component WHERE auth_token = $1")
                .execute(Tuple.of(token))
                .map(rs -> rs.iterator().hasNext()
                        ? new Component(rs.iterator().next().getString("name"),
                                UserRepository.instant(rs.iterator().next(), "token_expires"))
                        : null);
    }

    /** Creates the component or replaces its token. */
    public Uni<Void> upsert(SqlClient db, String name, String token) {
        return db.preparedQuery("""
                INSERT INTO component (name, auth_token) VALUES ($1, $2)
                ON CONFLICT (name) DO UPDATE SET auth_token = EXCLUDED.auth_token""")
                .execute(Tuple.of(name, token)).replaceWithVoid();
    }
}
