package org.nefos.storage.repository;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.storage.domain.Sharing;

/** SQL for {@code permission} and {@code public_link}: both attached to paths, not to versions. */
@ApplicationScoped
public class SharingRepository {

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            .toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A public link target. */
    public record PublicTarget(long containerId, String name) {
    }

    /** Permissions of the given names of one container. */
    public Uni<Map<String, Sharing>> permissions(SqlClient db, long containerId, List<String> names) {
        return db.preparedQuery("SELECT name, readers, writers FROM permission WHERE container_id = $1 "
                + "AND name = ANY($2)")
                .execute(Tuple.of(containerId, names.toArray(new String[0]))).map(rs -> {
                    Map<String, Sharing> m = new HashMap<>();
                    rs.forEach(r -> m.put(r.getString("name"), map(r)));
                    return m;
                });
    }

    /** Every permission row of a container (listings). */
    public Uni<Map<String, Sharing>> permissions(SqlClient db, long containerId) {
        return db.preparedQuery("SELECT name, readers, writers FROM permission WHERE container_id = $1")
                .execute(Tuple.of(containerId)).map(rs -> {
                    Map<String, Sharing> m = new HashMap<>();
                    rs.forEach(r -> m.put(r.getString("name"), map(r)));
                    return m;
                });
    }

    public Uni<Void> set(SqlClient db, long containerId, String name, Sharing sharing) {
        if (sharing.isEmpty()) {
            return clear(db, containerId, name);
        }
        return db.preparedQuery("""
                INSERT INTO permission (container_id, name, readers, writers) VALUES ($1, $2, $3, $4)
                ON CONFLICT (container_id, name) DO UPDATE SET readers = EXCLUDED.readers, writers = EXCLUDED.writers""")
                .execute(Tuple.of(containerId, name, sharing.readers().toArray(new String[0]),
                        sharing.writers().toArray(new String[0])))
                .replaceWithVoid();
    }

    public Uni<Void> clear(SqlClient db, long containerId, String name) {
        return db.preparedQuery("DELETE FROM permission WHERE container_id = $1 AND name = $2")
                .execute(Tuple.of(containerId, name)).replaceWithVoid();
    }

    /** Accounts (other than {@code user}) with a permission row naming one of {@code grantees}. */
    public Uni<List<Row>> accountsSharingWith(SqlClient db, String user, List<String> grantees) {
        return db.preparedQuery("""
                SELECT c.account, max(c.modified_at) AS t FROM permission p JOIN container c ON c.id = p.container_id
                WHERE c.account <> $1 AND (p.readers && $2 OR p.writers && $2)
                GROUP BY c.account ORDER BY c.account""")
                .execute(Tuple.of(user, grantees.toArray(new String[0]))).map(rs -> {
                    List<Row> l = new ArrayList<>();
                    rs.forEach(l::add);
                    return l;
                });
    }

    /** Every account's groups that contain {@code user}, as {@code owner:group} grantee names. */
    public Uni<List<String>> groupGrantees(SqlClient db, String user) {
        return db.preparedQuery("""
                SELECT a.name || ':' || g.key AS grantee FROM account a, jsonb_each(a.groups) g
                WHERE g.value ? $1""")
                .execute(Tuple.of(user)).map(rs -> {
                    List<String> l = new ArrayList<>();
                    rs.forEach(r -> l.add(r.getString("grantee").toLowerCase()));
                    return l;
                });
    }

    public Uni<String> publicToken(SqlClient db, long containerId, String name) {
        return db.preparedQuery("SELECT token FROM public_link WHERE container_id = $1 AND name = $2")
                .execute(Tuple.of(containerId, name))
                .map(rs -> rs.size() == 0 ? null : rs.iterator().next().getString("token"));
    }

    public Uni<Map<String, String>> publicTokens(SqlClient db, long containerId) {
        return db.preparedQuery("SELECT name, token FROM public_link WHERE container_id = $1")
                .execute(Tuple.of(containerId)).map(rs -> {
                    Map<String, String> m = new HashMap<>();
                    rs.forEach(r -> m.put(r.getString("name"), r.getString("token")));
                    return m;
                });
    }

    /** Publishes a path; an already published path keeps its token. */
    public Uni<Void> publish(SqlClient db, long containerId, String name) {
        return db.preparedQuery("INSERT INTO public_link (token, container_id, name) VALUES ($1, $2, $3) "
                + "ON CONFLICT (container_id, name) DO NOTHING")
                .execute(Tuple.of(newToken(), containerId, name)).replaceWithVoid();
    }

    public Uni<Void> unpublish(SqlClient db, long containerId, String name) {
        return db.preparedQuery("DELETE FROM public_link WHERE container_id = $1 AND name = $2")
                .execute(Tuple.of(containerId, name)).replaceWithVoid();
    }

    public Uni<PublicTarget> resolve(SqlClient db, String token) {
        return db.preparedQuery("SELECT container_id, name FROM public_link WHERE token = $1")
                .execute(Tuple.of(token)).map(rs -> {
                    if (rs.size() == 0) {
                        return null;
                    }
                    Row r = rs.iterator().next();
                    return new PublicTarget(r.getLong("container_id"), r.getString("name"));
                });
    }

    /** 16 random bytes rendered in the 62-character alphabet (about 22 characters). */
    static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        java.math.BigInteger base = java.math.BigInteger.valueOf(ALPHABET.length);
        StringBuilder b = new StringBuilder();
        while (n.signum() > 0) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            b.append(ALPHABET[qr[1].intValue()]);
            n = qr[0];
        }
        while (b.length() < 22) {
            b.append('0');
        }
        return b.reverse().toString();
    }

    private static Sharing map(Row r) {
        return new Sharing(List.copyOf(Arrays.asList(r.getArrayOfStrings("readers"))),
                List.copyOf(Arrays.asList(r.getArrayOfStrings("writers"))));
    }
}
