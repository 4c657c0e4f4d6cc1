package org.nefos.network.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.network.domain.Ipv4;
import org.nefos.network.domain.Ipv6;
import org.nefos.network.domain.Port;
import org.nefos.network.domain.PortStatus;

/** Ports with their addresses. A user sees own ports and ports on own networks. */
@ApplicationScoped
public class PortRepository {

    private static final String SELECT = "SELECT p.* FROM port p";
    private static final String VISIBLE =
            "(p.user_id = $1 OR EXISTS (SELECT 1 FROM network n WHERE n.id = p.network_id AND n.user_id = $1))";

    public Uni<List<Port>> listVisible(SqlClient db, String userId) {
        return db.preparedQuery(SELECT + " WHERE " + VISIBLE + " ORDER BY p.id").execute(Tuple.of(userId))
                .chain(rs -> withAddresses(db, rs));
    }

    public Uni<Port> findVisible(SqlClient db, String userId, long id) {
        return db.preparedQuery(SELECT + " WHERE p.id = $2 AND " + VISIBLE).execute(Tuple.of(userId, id))
                .chain(rs -> withAddresses(db, rs)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    public Uni<Port> find(SqlClient db, long id) {
        return db.preparedQuery(SELECT + " WHERE p.id = $1").execute(Tuple.of(id))
                .chain(rs -> withAddresses(db, rs)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** The port, locked for the rest of the transaction, or null. */
    public Uni<Port> lock(SqlClient db, long id) {
        return db.preparedQuery(SELECT + " WHERE p.id = $1 FOR UPDATE").execute(Tuple.of(id))
                .chain(rs -> withAddresses(db, rs)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** Ports attached to a server, locked for the rest of the transaction. */
    public Uni<List<Port>> lockOfDevice(SqlClient db, long deviceId) {
        return db.preparedQuery(SELECT + " WHERE p.device_id = $1 ORDER BY p.id FOR UPDATE").execute(Tuple.of(deviceId))
                .chain(rs -> withAddresses(db, rs));
    }

    public Uni<Long> countOfDevice(SqlClient db, long deviceId) {
        return db.preparedQuery("SELECT count(*) AS n FROM port WHERE device_id = $1").execute(Tuple.of(deviceId))
                .map(rs -> rs.iterator().next().getLong("n"));
    }

    public Uni<Long> insert(SqlClient db, String name, long networkId, String userId, Long deviceId, PortStatus status) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.preparedQuery("""
                INSERT INTO port (name, network_id, user_id, device_id, status, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id""")
                .execute(Tuple.from(new Object[] {name, networkId, userId, deviceId, status.name(), now}))
                .map(rs -> rs.iterator().next().getLong("id"))
                .call(id -> status == PortStatus.ACTIVE ? assignMac(db, id) : Uni.createFrom().voidItem());
    }

    public Uni<Void> rename(SqlClient db, long id, String name) {
        return db.preparedQuery("UPDATE port SET name = $2, sequence = sequence + 1, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, name, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid();
    }

    /** Attaches the port to server {@code deviceId} (or detaches it with null) in {@code status}. */
    public Uni<Void> setDevice(SqlClient db, long id, Long deviceId, PortStatus status) {
        return db.preparedQuery("UPDATE port SET device_id = $2, status = $3, sequence = sequence + 1, updated_at = $4"
                + " WHERE id = $1")
                .execute(Tuple.of(id, deviceId, status.name(), OffsetDateTime.now(ZoneOffset.UTC)))
                .chain(() -> status == PortStatus.ACTIVE ? assignMac(db, id) : Uni.createFrom().voidItem());
    }

    /** An active port has its MAC (unique: derived from the port id). */
    private Uni<Void> assignMac(SqlClient db, long id) {
        return db.preparedQuery("UPDATE port SET mac_address = $2 WHERE id = $1 AND mac_address IS NULL")
                .execute(Tuple.of(id, mac(id))).replaceWithVoid();
    }

    /** Moves the port to {@code status}; an active port gets its MAC (unique: derived from the port id). */
    public Uni<Void> setStatus(SqlClient db, long id, PortStatus status) {
        return db.preparedQuery("""
                UPDATE port SET status = $2, sequence = sequence + 1, updated_at = $3,
                    mac_address = CASE WHEN $2 = 'ACTIVE' AND mac_address IS NULL THEN $4 ELSE mac_address END
                WHERE id = $1""")
                .execute(Tuple.of(id, status.name(), OffsetDateTime.now(ZoneOffset.UTC), mac(id))).replaceWithVoid();
    }

    /** Removes the port: private addresses go back to the pool, a floating IP is only detached. */
    public Uni<Void> delete(SqlClient db, long id) {
        return db.preparedQuery("DELETE FROM ip_address WHERE port_id = $1 AND NOT floating").execute(Tuple.of(id))
                .chain(() -> db.preparedQuery("UPDATE ip_address SET port_id = NULL, updated_at = $2 WHERE port_id = $1")
                        .execute(Tuple.of(id, OffsetDateTime.now(ZoneOffset.UTC))))
                .chain(() -> db.preparedQuery("DELETE FROM port WHERE id = $1").execute(Tuple.of(id)))
                .replaceWithVoid();
    }

    /** {@code aa:00:0X:XX:XX:XX}: locally administered, one per port id. */
    public static String mac(long portId) {
        return String.format("aa:00:%02x:%02x:%02x:%02x", (portId >> 24) & 0xff, (portId >> 16) & 0xff,
                (portId >> 8) & 0xff, portId & 0xff);
    }

    private Uni<List<Port>> withAddresses(SqlClient db, RowSet<Row> rs) {
        List<Row> rows = new ArrayList<>();
        rs.forEach(rows::add);
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Long[] ids = rows.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
        Long[] networkIds = rows.stream().map(r -> r.getLong("network_id")).distinct().toArray(Long[]::new);
        Map<Long, long[]> v6SubnetOf = new HashMap<>();
        Map<Long, String> v6CidrOf = new HashMap<>();
        return db.preparedQuery("SELECT id, network_id, cidr FROM subnet WHERE ip_version = 6 AND network_id = ANY($1)")
                .execute(Tuple.of(networkIds)).invoke(v6 -> v6.forEach(s -> {
                    v6SubnetOf.put(s.getLong("network_id"), new long[] {s.getLong("id")});
                    v6CidrOf.put(s.getLong("network_id"), s.getString("cidr"));
                }))
                .chain(() -> db.preparedQuery("""
                SELECT port_id, subnet_id, address, floating FROM ip_address WHERE port_id = ANY($1)
                ORDER BY port_id, address""").execute(Tuple.of(ids)))
                .map(addresses -> {
                    Map<Long, List<Port.FixedIp>> byPort = new HashMap<>();
                    addresses.forEach(a -> byPort.computeIfAbsent(a.getLong("port_id"), k -> new ArrayList<>())
                            .add(new Port.FixedIp(a.getLong("subnet_id"), Ipv4.format(a.getLong("address")), 4,
                                    a.getBoolean("floating"))));
                    // IPv6: derived from the MAC inside the network's /64 (no row: it goes with the port)
                    for (Row r : rows) {
                        long network = r.getLong("network_id");
                        String v6 = Ipv6.eui64(v6CidrOf.get(network), r.getString("mac_address"));
                        if (v6 != null) {
                            byPort.computeIfAbsent(r.getLong("id"), k -> new ArrayList<>())
                                    .add(new Port.FixedIp(v6SubnetOf.get(network)[0], v6, 6, false));
                        }
                    }
                    List<Port> out = new ArrayList<>();
                    for (Row r : rows) {
                        long id = r.getLong("id");
                        out.add(new Port(id, r.getString("name"), r.getLong("network_id"), r.getString("user_id"),
                                r.getLong("device_id"), r.getString("mac_address"),
                                PortStatus.valueOf(r.getString("status")), r.getLong("sequence"),
                                List.copyOf(byPort.getOrDefault(id, List.of())),
                                r.getOffsetDateTime("created_at").toInstant(),
                                r.getOffsetDateTime("updated_at").toInstant()));
                    }
                    return out;
                });
    }
}
