package org.nefos.compute.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.compute.domain.Image;

/** The seeded image table that stands in for image-service. */
@ApplicationScoped
public class ImageRepository {

    private static final String SELECT = """
            SELECT id, name, owner, is_public, status, is_snapshot, size_bytes, created, updated, properties
            FROM image""";

    public Uni<List<Image>> visible(SqlClient db, String userId) {
        return db.preparedQuery(SELECT + " WHERE is_public OR owner = $1 ORDER BY id").execute(Tuple.of(userId))
                .map(rs -> {
                    List<Image> out = new ArrayList<>();
                    rs.forEach(r -> out.add(map(r)));
                    return out;
                });
    }

    public Uni<Image> find(SqlClient db, String userId, String id) {
        return db.preparedQuery(SELECT + " WHERE id = $1 AND (is_public OR owner = $2)").execute(Tuple.of(id, userId))
                .map(rs -> rs.iterator().hasNext() ? map(rs.iterator().next()) : null);
    }

    public Uni<Void> setProperties(SqlClient db, String id, Map<String, String> properties) {
        return db.preparedQuery("UPDATE image SET properties = $2, updated = now() WHERE id = $1")
                .execute(Tuple.of(id, new JsonObject(new LinkedHashMap<>(properties)))).replaceWithVoid();
    }

    static Image map(Row r) {
        Map<String, String> props = new TreeMap<>();
        JsonObject json = r.getJsonObject("properties");
        if (json != null) {
            json.forEach(e -> props.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return new Image(r.getString("id"), r.getString("name"), r.getString("owner"), r.getBoolean("is_public"),
                r.getString("status"), r.getBoolean("is_snapshot"), r.getLong("size_bytes"),
                r.getOffsetDateTime("created").toInstant(), r.getOffsetDateTime("updated").toInstant(), props);
    }
}
