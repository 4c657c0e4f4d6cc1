package org.nefos.identity.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.identity.domain.Resource;

/** SQL for {@code resource}, in registration order. */
@ApplicationScoped
public class ResourceRepository {

    public Uni<List<Resource>> all(SqlClient db) {
        return db.query("""
                SELECT name, service, component, description, unit, ui_visible, api_visible, system_default,
                project_default FROM resource ORDER BY position""")
                .execute()
                .map(rs -> {
                    List<Resource> list = new ArrayList<>();
                    rs.forEach(r -> list.add(map(r)));
                    return list;
                });
    }

    public Uni<Integer> updateSystemDefault(SqlClient db, String name, long value) {
        return db.preparedQuery("UPDATE resource SET system_default = $2 WHERE name = $1")
                .execute(Tuple.of(name, value)).map(rs -> rs.rowCount());
    }

    private static Resource map(Row r) {
        return new Resource(r.getString("name"), r.getString("service"), r.getString("component"),
                r.getString("description"), r.getString("unit"), r.getBoolean("ui_visible"),
                r.getBoolean("api_visible"), r.getLong("system_default"), r.getLong("project_default"));
    }
}
