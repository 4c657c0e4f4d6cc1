package org.nefos.compute.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.compute.domain.ServerPort;

/** The {@code server_port} view of network-service's ports; SQL only. */
@ApplicationScoped
public class ServerPortRepository {

    /** Server ids come from compute's own sequence, reserved before the ports that name them. */
    public Uni<Long> reserveServerId(SqlClient db) {
        return db.query("SELECT nextval('server_id_seq') AS id").execute()
                .map(rs -> rs.iterator().next().getLong("id"));
    }

    public Uni<Void> upsert(SqlClient db, long portId, Long serverId, String networkId, String userId, String mac,
            String status, String ipv4, String ipv6, boolean floating, long sequence, Instant at) {
        return db.preparedQuery("""
                INSERT INTO server_port (port_id, server_id, network_id, user_id, mac_address, status, ipv4, ipv6,
                    floating, sequence, updated)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (port_id) DO UPDATE SET server_id = EXCLUDED.server_id, network_id = EXCLUDED.network_id,
                    mac_address = EXCLUDED.mac_address, status = EXCLUDED.status, ipv4 = EXCLUDED.ipv4,
                    ipv6 = EXCLUDED.ipv6, floating = EXCLUDED.floating, sequence = EXCLUDED.sequence,
                    updated = EXCLUDED.updated""")
                .execute(Tuple.from(new Object[] {portId, serverId, networkId, userId, mac, status, ipv4, ipv6,
                        floating, sequence, at.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /** Removes the port's row; answers the server it was on, or null when there was none. */
    public Uni<Long> delete(SqlClient db, long portId) {
        return db.preparedQuery("DELETE FROM server_port WHERE port_id = $1 RETURNING server_id")
                .execute(Tuple.of(portId))
                .map(rs -> rs.iterator().hasNext() ? rs.iterator().next().getLong("server_id") : null);
    }

    /**
     * A server's NICs changed: its {@code updated} moves (so {@code changes-since} pollers see the new
     * attachments), its sequence does not (no server event is published for it).
     */
    public Uni<Void> touchServer(SqlClient db, Long serverId) {
        if (serverId == null) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("UPDATE server SET updated = clock_timestamp() WHERE id = $1")
                .execute(Tuple.of(serverId)).replaceWithVoid();
    }

    /** The ports of each server, ordered by port id; servers without ports are absent from the map. */
    public Uni<Map<Long, List<ServerPort>>> ofServers(SqlClient db, List<Long> serverIds) {
        if (serverIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("SELECT * FROM server_port WHERE server_id = ANY($1) ORDER BY port_id")
                .execute(Tuple.of(serverIds.toArray(Long[]::new))).map(rs -> {
                    Map<Long, List<ServerPort>> out = new HashMap<>();
                    rs.forEach(r -> out.computeIfAbsent(r.getLong("server_id"), k -> new ArrayList<>())
                            .add(new ServerPort(r.getLong("port_id"), r.getLong("server_id"), r.getString("network_id"),
                                    r.getString("mac_address"), r.getString("status"), r.getString("ipv4"),
                                    r.getString("ipv6"), r.getBoolean("floating"))));
                    return out;
                });
    }
}
