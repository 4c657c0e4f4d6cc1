package org.nefos.storage.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.storage.domain.Account;

/** SQL for {@code account}. */
@ApplicationScoped
public class AccountRepository {

    /** The account, created on first access by its owner. */
    public Uni<Account> ensure(SqlClient db, String name) {
        return db.preparedQuery("""
                INSERT INTO account (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
                RETURNING name, meta, groups, created_at, modified_at""")
                .execute(Tuple.of(name)).map(rs -> map(rs.iterator().next()));
    }

    public Uni<Account> find(SqlClient db, String name) {
        return db.preparedQuery("SELECT name, meta, groups, created_at, modified_at FROM account WHERE name = $1")
                .execute(Tuple.of(name)).map(AccountRepository::first);
    }

    public Uni<Void> update(SqlClient db, String name, Map<String, String> meta, Map<String, List<String>> groups) {
        return db.preparedQuery("UPDATE account SET meta = $2, groups = $3, modified_at = now() WHERE name = $1")
                .execute(Tuple.of(name, Rows.json(meta), Rows.jsonLists(groups))).replaceWithVoid();
    }

    public Uni<Void> touch(SqlClient db, String name) {
        return db.preparedQuery("UPDATE account SET modified_at = now() WHERE name = $1")
                .execute(Tuple.of(name)).replaceWithVoid();
    }

    /** Newest change anywhere in the account (account record, containers, versions). */
    public Uni<Instant> lastModified(SqlClient db, String name) {
        return db.preparedQuery("""
                SELECT greatest(a.modified_at, (SELECT max(c.modified_at) FROM container c WHERE c.account = a.name),
                       (SELECT max(v.mtime) FROM object_version v JOIN container c ON c.id = v.container_id
                        WHERE c.account = a.name)) AS t
                FROM account a WHERE a.name = $1""")
                .execute(Tuple.of(name))
                .map(rs -> rs.size() == 0 ? null : Rows.instant(rs.iterator().next().getOffsetDateTime("t")));
    }

    private static Account first(RowSet<Row> rs) {
        return rs.size() == 0 ? null : map(rs.iterator().next());
    }

    static Account map(Row r) {
        return new Account(r.getString("name"), Rows.strings(r.getJsonObject("meta")),
                Rows.lists(r.getJsonObject("groups")), Rows.instant(r.getOffsetDateTime("created_at")),
                Rows.instant(r.getOffsetDateTime("modified_at")));
    }
}
