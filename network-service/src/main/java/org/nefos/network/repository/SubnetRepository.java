package org.nefos.network.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.network.domain.Subnet;

/** Subnets and their allocation pools; a subnet is visible when its network is. */
@ApplicationScoped
public class SubnetRepository {

    private static final String SELECT = """
            SELECT s.*, n.user_id, n.project_id, n.public,
                   ARRAY(SELECT p.first_ip FROM allocation_pool p WHERE p.subnet_id = s.id ORDER BY p.first_ip) AS firsts,
                   ARRAY(SELECT p.last_ip FROM allocation_pool p WHERE p.subnet_id = s.id ORDER BY p.first_ip) AS lasts
            FROM subnet s JOIN network n ON n.id = s.network_id""";

    public Uni<List<Subnet>> listVisible(SqlClient db, String userId, Set<String> projects) {
        return db.preparedQuery(SELECT + " WHERE NOT n.deleted AND " + NetworkRepository.VISIBLE + " ORDER BY s.id")
                .execute(Tuple.of(userId, projects.toArray(new String[0]))).map(SubnetRepository::all);
    }

    /** Visible subnets changed at or after {@code since} ({@code changes-since}). */
    public Uni<List<Subnet>> listChanged(SqlClient db, String userId, Set<String> projects, java.time.Instant since) {
        return db.preparedQuery(SELECT + " WHERE s.updated_at >= $3 AND NOT n.deleted AND " + NetworkRepository.VISIBLE
                + " ORDER BY s.id").execute(Tuple.of(userId, projects.toArray(new String[0]),
                        since.atOffset(java.time.ZoneOffset.UTC))).map(SubnetRepository::all);
    }

    public Uni<Subnet> findVisible(SqlClient db, String userId, Set<String> projects, long id) {
        return db.preparedQuery(SELECT + " WHERE s.id = $3 AND NOT n.deleted AND " + NetworkRepository.VISIBLE)
                .execute(Tuple.of(userId, projects.toArray(new String[0]), id))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    public Uni<List<Subnet>> ofNetwork(SqlClient db, long networkId) {
        return db.preparedQuery(SELECT + " WHERE s.network_id = $1 ORDER BY s.id").execute(Tuple.of(networkId))
                .map(SubnetRepository::all);
    }

    /** Whether the network has an IPv4 subnet (public networks without one take no floating IPs). */
    public Uni<Boolean> hasIpv4Subnet(SqlClient db, long networkId) {
        return db.preparedQuery("SELECT EXISTS (SELECT 1 FROM subnet WHERE network_id = $1 AND ip_version = 4) AS v4")
                .execute(Tuple.of(networkId)).map(rs -> rs.iterator().next().getBoolean("v4"));
    }

    /** Inserts the subnet and its pools; null when the network already has a subnet of that version. */
    public Uni<Long> insert(SqlClient db, long networkId, String name, int version, String cidr, String gateway,
            boolean dhcp, String dns, String routes, List<long[]> pools) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.preparedQuery("""
                INSERT INTO subnet (network_id, name, ip_version, cidr, gateway_ip, enable_dhcp, dns_nameservers,
                                    host_routes, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (network_id, ip_version) DO NOTHING
                RETURNING id""")
                .execute(Tuple.from(new Object[] {networkId, name, version, cidr, gateway, dhcp, dns, routes, now}))
                .chain(rs -> {
                    if (!rs.iterator().hasNext()) {
                        return Uni.createFrom().nullItem();
                    }
                    long id = rs.iterator().next().getLong("id");
                    if (pools.isEmpty()) {
                        return Uni.createFrom().item(id);
                    }
                    List<Tuple> rows = pools.stream().map(p -> Tuple.of(id, p[0], p[1])).toList();
                    return db.preparedQuery("INSERT INTO allocation_pool (subnet_id, first_ip, last_ip) VALUES ($1, $2, $3)")
                            .executeBatch(rows).replaceWith(id);
                });
    }

    public Uni<Void> rename(SqlClient db, long id, String name) {
        return db.preparedQuery("UPDATE subnet SET name = $2, updated_at = $3 WHERE id = $1")
                .execute(Tuple.of(id, name, OffsetDateTime.now(ZoneOffset.UTC))).replaceWithVoid();
    }

    private static List<Subnet> all(io.vertx.mutiny.sqlclient.RowSet<Row> rs) {
        List<Subnet> out = new ArrayList<>();
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    static Subnet map(Row r) {
        Long[] firsts = r.getArrayOfLongs("firsts");
        Long[] lasts = r.getArrayOfLongs("lasts");
        List<long[]> pools = new ArrayList<>();
        for (int i = 0; firsts != null && i < firsts.length; i++) {
            pools.add(new long[] {firsts[i], lasts[i]});
        }
        return new Subnet(r.getLong("id"), r.getLong("network_id"), r.getString("name"), r.getString("user_id"),
                r.getString("project_id"), r.getBoolean("public"), r.getInteger("ip_version"), r.getString("cidr"),
                r.getString("gateway_ip"), r.getBoolean("enable_dhcp"), r.getString("dns_nameservers"),
                r.getString("host_routes"), pools);
    }
}
