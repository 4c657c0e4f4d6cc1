package org.nefos.identity.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.identity.domain.User;

/** SQL for {@code app_user}; callers own the transactions. */
@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = """
            uuid, email, first_name, last_name, affiliation, auth_token, token_created, token_expires, is_active,
            is_verified, is_moderated, is_rejected, has_signed_terms, deactivated_reason, roles, default_project,
            sequence, created_at""";

    public Uni<Void> insert(SqlClient db, User u) {
        return db.preparedQuery("INSERT INTO app_user (" + COLUMNS + ") VALUES "
                + "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)")
                .execute(Tuple.from(new Object[] {u.uuid(), u.email(), u.firstName(), u.lastName(), u.affiliation(),
                        u.token(), utc(u.tokenCreated()), utc(u.tokenExpires()), u.active(), u.verified(),
                        u.moderated(), u.rejected(), u.signedTerms(), u.deactivatedReason(),
                        u.roles().toArray(new String[0]), u.defaultProject(), u.sequence(), utc(u.createdAt())}))
                .replaceWithVoid();
    }

    public Uni<User> findByToken(SqlClient db, String token) {
        return one(db.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE auth_token = $1")
                .execute(Tuple.of(token)));
    }

    public Uni<User> find(SqlClient db, UUID uuid) {
        return one(db.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE uuid = $1").execute(Tuple.of(uuid)));
    }

    public Uni<User> findForUpdate(SqlClient db, UUID uuid) {
        return one(db.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE uuid = $1 FOR UPDATE")
                .execute(Tuple.of(uuid)));
    }

    public Uni<User> findByEmail(SqlClient db, String email) {
        return one(db.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE email = lower($1)")
                .execute(Tuple.of(email)));
    }

    public Uni<List<User>> findByUuids(SqlClient db, List<UUID> uuids) {
        return many(db.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE uuid = ANY($1)")
                .execute(Tuple.of(uuids.toArray(new UUID[0]))));
    }

    public Uni<List<User>> findByEmails(SqlClient db, List<String> emails) {
        String[] lower = emails.stream().map(String::toLowerCase).toArray(String[]::new);
        return many(db.preparedQuery("SELECT " + COLUMNS + " FROM app_user WHERE email = ANY($1)")
                .execute(Tuple.of(lower)));
    }

    public Uni<List<User>> all(SqlClient db) {
        return many(db.query("SELECT " + COLUMNS + " FROM app_user ORDER BY created_at, uuid").execute());
    }

    public Uni<Long> updateToken(SqlClient db, UUID uuid, String token, Instant created, Instant expires) {
        return db.preparedQuery("""
                UPDATE app_user SET auth_token = $2, token_created = $3, token_expires = $4, sequence = sequence + 1
                WHERE uuid = $1 RETURNING sequence""")
                .execute(Tuple.of(uuid, token, utc(created), utc(expires))).map(UserRepository::sequence);
    }

    public Uni<Long> updateActive(SqlClient db, UUID uuid, boolean active, String reason) {
        return db.preparedQuery("""
                UPDATE app_user SET is_active = $2, deactivated_reason = $3, sequence = sequence + 1 WHERE uuid = $1 RETURNING sequence""")
                .execute(Tuple.of(uuid, active, reason)).map(UserRepository::sequence);
    }

    public Uni<Long> updateSignedTerms(SqlClient db, UUID uuid) {
        return db.preparedQuery("UPDATE app_user SET has_signed_terms = TRUE, sequence = sequence + 1 WHERE uuid = $1 RETURNING sequence")
                .execute(Tuple.of(uuid)).map(UserRepository::sequence);
    }

    public Uni<Long> updateDefaultProject(SqlClient db, UUID uuid, UUID project) {
        return db.preparedQuery("UPDATE app_user SET default_project = $2, sequence = sequence + 1 WHERE uuid = $1 RETURNING sequence")
                .execute(Tuple.of(uuid, project)).map(UserRepository::sequence);
    }

    public Uni<Long> updateProfile(SqlClient db, User u) {
        return db.preparedQuery("""
                UPDATE app_user SET email = $2, first_name = $3, last_name = $4, affiliation = $5,
                sequence = sequence + 1 WHERE uuid = $1 RETURNING sequence""")
                .execute(Tuple.of(u.uuid(), u.email(), u.firstName(), u.lastName(), u.affiliation()))
                .map(UserRepository::sequence);
    }

    /** Advances the user's event sequence without another change (for events about the user's quotas). */
    public Uni<Long> nextSequence(SqlClient db, UUID uuid) {
        return db.preparedQuery("UPDATE app_user SET sequence = sequence + 1 WHERE uuid = $1 RETURNING sequence")
                .execute(Tuple.of(uuid)).map(UserRepository::sequence);
    }

    private static long sequence(RowSet<Row> rs) {
        return rs.iterator().next().getLong("sequence");
    }

    private static Uni<User> one(Uni<RowSet<Row>> rows) {
        return rows.map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    private static Uni<List<User>> many(Uni<RowSet<Row>> rows) {
        return rows.map(rs -> {
            List<User> users = new ArrayList<>();
            rs.forEach(r -> users.add(map(r)));
            return users;
        });
    }

    static User map(Row r) {
        return new User(r.getUUID("uuid"), r.getString("email"), r.getString("first_name"), r.getString("last_name"),
                r.getString("affiliation"), r.getString("auth_token"), instant(r, "token_created"),
                instant(r, "token_expires"), r.getBoolean("is_active"), r.getBoolean("is_verified"),
                r.getBoolean("is_moderated"), r.getBoolean("is_rejected"), r.getBoolean("has_signed_terms"),
                r.getString("deactivated_reason"), Arrays.asList(r.getArrayOfStrings("roles")),
                r.getUUID("default_project"), r.getLong("sequence"), instant(r, "created_at"));
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
