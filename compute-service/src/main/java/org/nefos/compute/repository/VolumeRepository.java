package org.nefos.compute.repository;

import java.time.Instant;
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
import org.nefos.compute.domain.ServerVolumes;
import org.nefos.compute.domain.Volume;
import org.nefos.compute.domain.VolumeType;

/** Volumes, their metadata and the volume types. SQL only; callers own the transactions. */
@ApplicationScoped
public class VolumeRepository {

    private static final String COLUMNS = """
            v.id, v.name, v.description, v.size, v.user_id, v.project, v.shared_to_project, v.volume_type,
            t.disk_template, v.server_id, v.device_index, v.status, v.image_id, v.snapshot_id, v.delete_on_termination,
            v.initialized, v.charged, v.deleted, v.job, v.job_id, v.job_started, v.commission_serial,
            v.commission_outcome, v.created, v.updated, v.sequence""";
    private static final String FROM = " FROM volume v JOIN volume_type t ON t.id = v.volume_type ";

    /** A new volume row. */
    public record NewVolume(String name, String description, int size, String userId, String project,
            boolean sharedToProject, int volumeType, Long serverId, Integer deviceIndex, String status,
            String imageId, String snapshotId, boolean initialized, boolean charged, String job, Long jobId,
            Long commissionSerial, Boolean commissionOutcome) {
    }

    // types

    public Uni<List<VolumeType>> types(SqlClient db) {
        return db.query("SELECT id, disk_template, deleted FROM volume_type WHERE NOT deleted ORDER BY id").execute()
                .map(rs -> {
                    List<VolumeType> out = new ArrayList<>();
                    rs.forEach(r -> out.add(type(r)));
                    return out;
                });
    }

    /** The type (deleted ones too), or null. */
    public Uni<VolumeType> type(SqlClient db, long id) {
        return db.preparedQuery("SELECT id, disk_template, deleted FROM volume_type WHERE id = $1")
                .execute(Tuple.of(id)).map(rs -> rs.iterator().hasNext() ? type(rs.iterator().next()) : null);
    }

    private static VolumeType type(Row r) {
        return new VolumeType(r.getInteger("id"), r.getString("disk_template"), r.getBoolean("deleted"));
    }

    // volumes

    public Uni<Volume> insert(SqlClient db, NewVolume n) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return db.preparedQuery("""
                INSERT INTO volume (name, description, size, user_id, project, shared_to_project, volume_type,
                    server_id, device_index, status, image_id, snapshot_id, initialized, charged, job, job_id,
                    job_started, commission_serial, commission_outcome, created, updated, sequence)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
                    $20, $20, 1)
                RETURNING id""")
                .execute(Tuple.from(new Object[] {n.name(), n.description(), n.size(), n.userId(), n.project(),
                        n.sharedToProject(), n.volumeType(), n.serverId(), n.deviceIndex(), n.status(), n.imageId(),
                        n.snapshotId(), n.initialized(), n.charged(), n.job(), n.jobId(), n.job() == null ? null : now,
                        n.commissionSerial(), n.commissionOutcome(), now}))
                .chain(rs -> lock(db, rs.iterator().next().getLong("id")));
    }

    /** The user's volume (deleted ones included), or null: someone else's volume is just as absent. */
    public Uni<Volume> find(SqlClient db, long id, String userId, boolean lock) {
        return db.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE v.id = $1 AND v.user_id = $2"
                + (lock ? " FOR UPDATE OF v" : "")).execute(Tuple.of(id, userId))
                .chain(rs -> withMetadata(db, rs)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** Any volume, locked (consumers, reconciler). */
    public Uni<Volume> lock(SqlClient db, long id) {
        return db.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE v.id = $1 FOR UPDATE OF v").execute(Tuple.of(id))
                .chain(rs -> withMetadata(db, rs)).map(l -> l.isEmpty() ? null : l.get(0));
    }

    /** The user's volumes by id; without {@code since} only the non-deleted ones. */
    public Uni<List<Volume>> list(SqlClient db, String userId, Instant since) {
        Uni<RowSet<Row>> rows = since == null
                ? db.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE v.user_id = $1 AND NOT v.deleted ORDER BY v.id")
                        .execute(Tuple.of(userId))
                : db.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE v.user_id = $1 AND v.updated >= $2 ORDER BY v.id")
                        .execute(Tuple.of(userId, since.atOffset(ZoneOffset.UTC)));
        return rows.chain(rs -> withMetadata(db, rs));
    }

    /** The non-deleted volumes of a server, by id (root first). */
    public Uni<List<Volume>> ofServer(SqlClient db, long serverId) {
        return db.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE v.server_id = $1 AND NOT v.deleted ORDER BY v.id")
                .execute(Tuple.of(serverId)).map(VolumeRepository::plain);
    }

    /** Per server for the server view: its non-deleted volume ids, ascending, and a disk job running on it. */
    public Uni<Map<Long, ServerVolumes>> ofServers(SqlClient db, List<Long> serverIds) {
        if (serverIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return db.preparedQuery("""
                SELECT server_id, id, job FROM volume WHERE server_id = ANY($1) AND NOT deleted ORDER BY id""")
                .execute(Tuple.of(serverIds.toArray(Long[]::new))).map(rs -> {
                    Map<Long, List<Long>> ids = new HashMap<>();
                    Map<Long, String> jobs = new HashMap<>();
                    rs.forEach(r -> {
                        long server = r.getLong("server_id");
                        ids.computeIfAbsent(server, k -> new ArrayList<>()).add(r.getLong("id"));
                        String job = r.getString("job");
                        if (job != null) {
                            jobs.putIfAbsent(server, job);
                        }
                    });
                    Map<Long, ServerVolumes> out = new HashMap<>();
                    ids.forEach((server, list) -> out.put(server, new ServerVolumes(list, jobs.get(server))));
                    return out;
                });
    }

    /** Volumes whose backend job started before {@code before} and has not ended. */
    public Uni<List<Volume>> stuck(SqlClient db, Instant before) {
        return db.preparedQuery("SELECT " + COLUMNS + FROM
                + "WHERE v.job IS NOT NULL AND v.job_started < $1 ORDER BY v.id LIMIT 100")
                .execute(Tuple.of(before.atOffset(ZoneOffset.UTC))).map(VolumeRepository::plain);
    }

    /** Volumes with a decided commission not yet sent to identity. */
    public Uni<List<Long>> unsettled(SqlClient db) {
        return CommissionedTable.VOLUME.unsettled(db);
    }

    /** Sets the given columns (names from this codebase only), bumps sequence and {@code updated}. */
    public Uni<Long> update(SqlClient db, long id, Map<String, Object> columns) {
        return CommissionedTable.VOLUME.update(db, id, columns);
    }

    public Uni<Void> clearCommission(SqlClient db, long id, long serial) {
        return CommissionedTable.VOLUME.clearCommission(db, id, serial);
    }

    public Uni<long[]> commission(SqlClient db, long id) {
        return db.preparedQuery("SELECT commission_serial, commission_outcome FROM volume WHERE id = $1")
                .execute(Tuple.of(id)).map(rs -> {
                    if (!rs.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rs.iterator().next();
                    Long serial = r.getLong("commission_serial");
                    Boolean accept = r.getBoolean("commission_outcome");
                    return serial == null || accept == null ? null : new long[] {serial, accept ? 1 : 0};
                });
    }

    // metadata

    public Uni<Void> putMetadata(SqlClient db, long id, Map<String, String> items) {
        return MetadataTable.VOLUME.put(db, id, items);
    }

    public Uni<Void> clearMetadata(SqlClient db, long id) {
        return MetadataTable.VOLUME.clear(db, id);
    }

    public Uni<Boolean> deleteMetadata(SqlClient db, long id, String key) {
        return MetadataTable.VOLUME.delete(db, id, key);
    }

    // mapping

    private Uni<List<Volume>> withMetadata(SqlClient db, RowSet<Row> rs) {
        List<Volume> volumes = plain(rs);
        if (volumes.isEmpty()) {
            return Uni.createFrom().item(volumes);
        }
        Long[] ids = volumes.stream().map(Volume::id).toArray(Long[]::new);
        return MetadataTable.VOLUME.of(db, ids, Long.class).map(m -> volumes.stream()
                .map(v -> v.withMetadata(m.getOrDefault(v.id(), Map.of()))).toList());
    }

    private static List<Volume> plain(RowSet<Row> rs) {
        List<Volume> out = new ArrayList<>();
        rs.forEach(r -> out.add(map(r)));
        return out;
    }

    static Volume map(Row r) {
        return new Volume(r.getLong("id"), r.getString("name"), r.getString("description"), r.getInteger("size"),
                r.getString("user_id"), r.getString("project"), r.getBoolean("shared_to_project"),
                r.getInteger("volume_type"), r.getString("disk_template"), r.getLong("server_id"),
                r.getInteger("device_index"), r.getString("status"), r.getString("image_id"),
                r.getString("snapshot_id"), r.getBoolean("delete_on_termination"), r.getBoolean("initialized"),
                r.getBoolean("charged"), r.getBoolean("deleted"), r.getString("job"), r.getLong("job_id"),
                instant(r, "job_started"), r.getLong("commission_serial"), r.getBoolean("commission_outcome"),
                instant(r, "created"), instant(r, "updated"), r.getLong("sequence"), Map.of());
    }

    static Instant instant(Row r, String column) {
        OffsetDateTime t = r.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }
}
