package org.nefos.compute.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.compute.domain.Flavor;

/** Flavors with their disk template. */
@ApplicationScoped
public class FlavorRepository {

    private static final String SELECT = """
            SELECT f.id, f.vcpus, f.ram, f.disk, f.volume_type, t.disk_template, f.allow_create, f.is_public, f.deleted
            FROM flavor f JOIN volume_type t ON t.id = f.volume_type""";

    public Uni<List<Flavor>> active(SqlClient db, Boolean isPublic) {
        String where = isPublic == null ? " WHERE NOT f.deleted" : " WHERE NOT f.deleted AND f.is_public = $1";
        Tuple args = isPublic == null ? Tuple.tuple() : Tuple.of(isPublic);
        return db.preparedQuery(SELECT + where + " ORDER BY f.id").execute(args).map(rs -> {
            List<Flavor> out = new ArrayList<>();
            rs.forEach(r -> out.add(map(r)));
            return out;
        });
    }

    public Uni<Flavor> find(SqlClient db, long id) {
        return db.preparedQuery(SELECT + " WHERE f.id = $1").execute(Tuple.of(id))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    /** The active flavor with this shape and volume type (resize keeps disk and volume type). */
    public Uni<Flavor> findShape(SqlClient db, int vcpus, int ram, int disk, int volumeType) {
        return db.preparedQuery(SELECT + " WHERE f.vcpus = $1 AND f.ram = $2 AND f.disk = $3 AND f.volume_type = $4")
                .execute(Tuple.of(vcpus, ram, disk, volumeType))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    static Flavor map(Row r) {
        return new Flavor(r.getLong("id"), r.getInteger("vcpus"), r.getInteger("ram"), r.getInteger("disk"),
                r.getInteger("volume_type"), r.getString("disk_template"), r.getBoolean("allow_create"),
                r.getBoolean("is_public"), r.getBoolean("deleted"));
    }
}
