package org.nefos.network.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.network.domain.FloatingIp;
import org.nefos.network.domain.Ipv4;

/**
 * Allocated IPv4 addresses (port fixed IPs and floating IPs). Allocation locks the subnet row, so
 * allocations on one subnet are serialised; the unique (subnet, address) key backs that up.
 */
@ApplicationScoped
public class AddressRepository {

    /** A floating IP also changes when the port holding it moves to or from a server. */
    private static final String FLOATING = """
            SELECT i.id, i.address, i.network_id, i.port_id, p.device_id, i.user_id, i.project_id,
                   i.shared_to_project, FALSE AS deleted, i.created_at, GREATEST(i.updated_at, p.updated_at) AS updated_at
            FROM ip_address i LEFT JOIN port p ON p.id = i.port_id WHERE i.floating""";

    private static final String RELEASED = """
            SELECT id, address, network_id, NULL::bigint AS port_id, NULL::bigint AS device_id, user_id, project_id,
                   shared_to_project, TRUE AS deleted, created_at, released_at AS updated_at
            FROM released_floating_ip""";

    /** Takes the lowest free address of the subnet's pools; null when they are exhausted. */
    public Uni<Long> allocate(SqlClient db, long subnetId, long networkId, String userId, String projectId,
            boolean shared, boolean floating, Long portId) {
        return db.preparedQuery("SELECT id FROM subnet WHERE id = $1 FOR UPDATE").execute(Tuple.of(subnetId))
                .chain(() -> db.preparedQuery("""
                        INSERT INTO ip_address (subnet_id, network_id, address, floating, port_id, user_id, project_id,
                                                shared_to_project, created_at, updated_at)
                        SELECT $1::bigint, $2::bigint, free.a, $3::boolean, $4::bigint, $5::text, $6::text, $7::boolean,
                               $8::timestamptz, $8::timestamptz FROM (
                            SELECT a FROM allocation_pool p, generate_series(p.first_ip, p.last_ip) a
                            WHERE p.subnet_id = $1
                              AND NOT EXISTS (SELECT 1 FROM ip_address i WHERE i.subnet_id = $1 AND i.address = a)
                            ORDER BY a LIMIT 1) free
                        RETURNING id""")
                        .execute(Tuple.from(new Object[] {subnetId, networkId, floating, portId, userId, projectId,
                                shared, OffsetDateTime.now(ZoneOffset.UTC)})))
                .map(rs -> rs.iterator().hasNext() ? rs.iterator().next().getLong("id") : null);
    }

    /** Takes one given address; null when it is already allocated. The caller checked it is in a pool. */
    public Uni<Long> reserve(SqlClient db, long subnetId, long networkId, long address, String userId,
            String projectId, boolean shared, boolean floating, Long portId) {
        return db.preparedQuery("SELECT id FROM subnet WHERE id = $1 FOR UPDATE").execute(Tuple.of(subnetId))
                .chain(() -> db.preparedQuery("""
                        INSERT INTO ip_address (subnet_id, network_id, address, floating, port_id, user_id, project_id,
                                                shared_to_project, created_at, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (subnet_id, address) DO NOTHING
                        RETURNING id""")
                        .execute(Tuple.from(new Object[] {subnetId, networkId, address, floating, portId, userId,
                                projectId, shared, OffsetDateTime.now(ZoneOffset.UTC)})))
                .map(rs -> rs.iterator().hasNext() ? rs.iterator().next().getLong("id") : null);
    }

    public Uni<List<FloatingIp>> listFloating(SqlClient db, String userId) {
        return db.preparedQuery(FLOATING + " AND i.user_id = $1 ORDER BY i.id").execute(Tuple.of(userId)).map(rs -> {
            List<FloatingIp> out = new ArrayList<>();
            rs.forEach(r -> out.add(map(r)));
            return out;
        });
    }

    /**
     * The user's floating IPs changed at or after {@code since}, released ones included (cyclades-api.md 1.6).
     */
    public Uni<List<FloatingIp>> listFloatingChanged(SqlClient db, String userId, Instant since) {
        return db.preparedQuery("SELECT * FROM (" + FLOATING + " AND i.user_id = $1 UNION ALL " + RELEASED
                + " WHERE user_id = $1) changed WHERE updated_at >= $2 ORDER BY id")
                .execute(Tuple.of(userId, since.atOffset(ZoneOffset.UTC))).map(rs -> {
                    List<FloatingIp> out = new ArrayList<>();
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<FloatingIp> findFloating(SqlClient db, String userId, long id) {
        return db.preparedQuery(FLOATING + " AND i.user_id = $1 AND i.id = $2").execute(Tuple.of(userId, id))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    /** The caller's floating IP with that address on that network, locked. */
    public Uni<FloatingIp> lockFloatingByAddress(SqlClient db, String userId, long networkId, long address) {
        return db.preparedQuery("SELECT id FROM ip_address WHERE floating AND user_id = $1 AND network_id = $2 "
                + "AND address = $3 FOR UPDATE").execute(Tuple.of(userId, networkId, address))
                .chain(rs -> rs.iterator().hasNext()
                        ? findFloating(db, userId, rs.iterator().next().getLong("id"))
                        : Uni.createFrom().nullItem());
    }

    public Uni<Void> attach(SqlClient db, long addressId, long portId) {
        return db.preparedQuery("UPDATE ip_address SET port_id = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(addressId, portId, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid();
    }

    /**
     * Releases a detached floating IP: the address is free again at once and a tombstone remains for
     * {@code changes-since}; false when it is attached (or gone).
     */
    public Uni<Boolean> releaseDetachedFloating(SqlClient db, long id) {
        return db.preparedQuery("""
                WITH gone AS (DELETE FROM ip_address WHERE id = $1 AND floating AND port_id IS NULL RETURNING *)
                INSERT INTO released_floating_ip (id, network_id, address, user_id, project_id, shared_to_project,
                                                  created_at, released_at)
                SELECT id, network_id, address, user_id, project_id, shared_to_project, created_at, $2 FROM gone""")
                .execute(Tuple.of(id, OffsetDateTime.now(ZoneOffset.UTC))).map(rs -> rs.rowCount() == 1);
    }

    /** Tombstones older than the {@code changes-since} window are never reported again. */
    public Uni<Void> forgetReleasedBefore(SqlClient db, Instant before) {
        return db.preparedQuery("DELETE FROM released_floating_ip WHERE released_at < $1")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Void> reassignFloating(SqlClient db, long id, String projectId, boolean shared) {
        return db.preparedQuery("UPDATE ip_address SET project_id = $2, shared_to_project = $3, updated_at = $4 "
                + "WHERE id = $1").execute(Tuple.of(id, projectId, shared, OffsetDateTime.now(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    static FloatingIp map(Row r) {
        return new FloatingIp(r.getLong("id"), Ipv4.format(r.getLong("address")), r.getLong("network_id"),
                r.getLong("port_id"), r.getLong("device_id"), r.getString("user_id"), r.getString("project_id"),
                r.getBoolean("shared_to_project"), r.getBoolean("deleted"), r.getOffsetDateTime("created_at").toInstant(),
                r.getOffsetDateTime("updated_at").toInstant());
    }
}
