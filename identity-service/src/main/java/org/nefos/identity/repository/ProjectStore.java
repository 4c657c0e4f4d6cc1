package org.nefos.identity.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.identity.domain.Application;
import org.nefos.identity.domain.Application.Capacity;
import org.nefos.identity.domain.Membership;
import org.nefos.identity.domain.Project;

/** SQL for projects, applications and memberships beyond the system project's creation. */
@ApplicationScoped
public class ProjectStore {

    private static final String PROJECT = """
            SELECT uuid, name, state, owner, homepage, description, creation_date, end_date, join_policy, leave_policy,
                   max_members, private, system_project, deactivation_date, last_application, sequence FROM project""";
    private static final String APPLICATION = """
            SELECT id, project, state, applicant, name, owner, homepage, description, comments, start_date, end_date,
                   join_policy, leave_policy, max_members, private, resources::text AS resources, issue_date
            FROM project_application""";
    private static final String MEMBERSHIP = "SELECT id, project, person, state, dates::text AS dates, sequence FROM membership";

    // ---- projects

    public Uni<Project> find(SqlClient db, UUID uuid, boolean lock) {
        return one(db.preparedQuery(PROJECT + " WHERE uuid = $1" + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(uuid)),
                ProjectStore::project);
    }

    /** Projects visible in {@code mode} (identity-api.md 6.3), then filtered; {@code admin} sees everything. */
    public Uni<List<Project>> list(SqlClient db, UUID caller, boolean admin, String mode, String name, UUID owner,
            String state) {
        String visibility = switch (mode) {
            case "member" -> """
                    state = 'active' AND uuid IN (SELECT project FROM membership WHERE person = $1
                      AND state IN ('accepted', 'leave_requested'))""";
            case "active" -> admin ? "TRUE" : "state = 'active' AND NOT private";
            default -> admin ? "TRUE" : """
                    (owner = $1 OR uuid IN (SELECT project FROM membership WHERE person = $1
                      AND state IN ('accepted', 'leave_requested', 'suspended')))""";
        };
        return many(db.preparedQuery(PROJECT + " WHERE " + visibility
                + " AND ($2::text IS NULL OR name = $2) AND ($3::uuid IS NULL OR owner = $3)"
                + " AND ($4::text IS NULL OR state = $4) AND ($1::uuid IS NOT NULL)"
                + " ORDER BY system_project DESC, creation_date, uuid")
                .execute(Tuple.of(caller, name, owner, state)), ProjectStore::project);
    }

    public Uni<Void> insert(SqlClient db, Project p) {
        return db.preparedQuery("""
                INSERT INTO project (uuid, name, state, owner, homepage, description, creation_date, end_date,
                join_policy, leave_policy, max_members, private, system_project)
                VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)""")
                .execute(Tuple.from(new Object[] {p.uuid(), p.name(), p.state(), p.owner(), p.homepage(), p.description(),
                        UserRepository.utc(p.created()), UserRepository.utc(p.endDate()), p.joinPolicy(), p.leavePolicy(),
                        p.maxMembers(), p.privateProject(), p.systemProject()}))
                .replaceWithVoid();
    }

    /** Writes every mutable column; returns the new sequence. */
    public Uni<Long> update(SqlClient db, Project p) {
        return db.preparedQuery("""
                UPDATE project SET name = $2, state = $3, owner = $4, homepage = $5, description = $6, end_date = $7,
                  join_policy = $8, leave_policy = $9, max_members = $10, private = $11, deactivation_date = $12,
                  last_application = $13, sequence = sequence + 1
                WHERE uuid = $1 RETURNING sequence""")
                .execute(Tuple.from(new Object[] {p.uuid(), p.name(), p.state(), p.owner(), p.homepage(), p.description(),
                        UserRepository.utc(p.endDate()), p.joinPolicy(), p.leavePolicy(), p.maxMembers(),
                        p.privateProject(), UserRepository.utc(p.deactivationDate()), p.lastApplication()}))
                .map(rs -> rs.iterator().next().getLong("sequence"));
    }

    /** Whether an alive project other than {@code except} holds {@code name}. */
    public Uni<Boolean> nameTaken(SqlClient db, String name, UUID except) {
        return db.preparedQuery("SELECT 1 FROM project WHERE name = $1 AND uuid <> $2 AND state IN ('active', 'suspended')")
                .execute(Tuple.of(name, except)).map(rs -> rs.rowCount() > 0);
    }

    public Uni<Map<String, Capacity>> resources(SqlClient db, UUID project) {
        return db.preparedQuery("""
                SELECT pr.resource, pr.project_capacity, pr.member_capacity FROM project_resource pr
                JOIN resource r ON r.name = pr.resource WHERE pr.project = $1 ORDER BY r.position""")
                .execute(Tuple.of(project))
                .map(rs -> {
                    Map<String, Capacity> out = new LinkedHashMap<>();
                    rs.forEach(r -> out.put(r.getString("resource"),
                            new Capacity(r.getLong("project_capacity"), r.getLong("member_capacity"))));
                    return out;
                });
    }

    /**
     * Re-derives every holding limit of a project from its state, capacities and memberships
     * (identity-api.md 9.4). Holdings are never deleted, so usage history survives.
     */
    public Uni<Void> syncHoldings(SqlClient db, UUID project) {
        return db.preparedQuery("""
                INSERT INTO holding (holder, source, resource, limit_value)
                SELECT 'project:' || p.uuid, '', pr.resource,
                       CASE WHEN p.state = 'active' THEN pr.project_capacity ELSE 0 END
                FROM project p JOIN project_resource pr ON pr.project = p.uuid
                WHERE p.uuid = $1 AND p.state IN ('active', 'suspended', 'terminated')
                ON CONFLICT (holder, source, resource) DO UPDATE SET limit_value = EXCLUDED.limit_value""")
                .execute(Tuple.of(project))
                .chain(() -> db.preparedQuery("""
                        INSERT INTO holding (holder, source, resource, limit_value)
                        SELECT 'user:' || m.person, 'project:' || p.uuid, pr.resource,
                               CASE WHEN p.state = 'active' AND m.state IN ('accepted', 'leave_requested')
                                    THEN pr.member_capacity ELSE 0 END
                        FROM membership m JOIN project p ON p.uuid = m.project
                        JOIN project_resource pr ON pr.project = p.uuid
                        WHERE p.uuid = $1 AND m.dates ? 'accepted'
                        ON CONFLICT (holder, source, resource) DO UPDATE SET limit_value = EXCLUDED.limit_value""")
                        .execute(Tuple.of(project)))
                .replaceWithVoid();
    }

    // ---- applications

    public Uni<Long> insertApplication(SqlClient db, Application a) {
        JsonObject resources = new JsonObject();
        a.resources().forEach((name, c) -> resources.put(name,
                new JsonObject().put("project_capacity", c.projectCapacity()).put("member_capacity", c.memberCapacity())));
        return db.preparedQuery("""
                INSERT INTO project_application (project, state, applicant, name, owner, homepage, description, comments,
                  start_date, end_date, join_policy, leave_policy, max_members, private, resources, issue_date)
                VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,($15::text)::jsonb,$16) RETURNING id""")
                .execute(Tuple.from(new Object[] {a.project(), a.state(), a.applicant(), a.name(), a.owner(), a.homepage(),
                        a.description(), a.comments(), UserRepository.utc(a.startDate()), UserRepository.utc(a.endDate()),
                        a.joinPolicy(), a.leavePolicy(), a.maxMembers(), a.privateProject(), resources.encode(),
                        UserRepository.utc(a.issueDate())}))
                .map(rs -> rs.iterator().next().getLong("id"));
    }

    public Uni<Application> findApplication(SqlClient db, long id) {
        return one(db.preparedQuery(APPLICATION + " WHERE id = $1").execute(Tuple.of(id)), ProjectStore::application);
    }

    /** Pending applications of a project (to be replaced by a newer one). */
    public Uni<List<Application>> pendingApplications(SqlClient db, UUID project) {
        return many(db.preparedQuery(APPLICATION + " WHERE project = $1 AND state = 'pending' ORDER BY id")
                .execute(Tuple.of(project)), ProjectStore::application);
    }

    public Uni<Void> setApplicationState(SqlClient db, long id, String state) {
        return db.preparedQuery("UPDATE project_application SET state = $2, response_date = now() WHERE id = $1")
                .execute(Tuple.of(id, state)).replaceWithVoid();
    }

    // ---- memberships

    public Uni<Membership> membership(SqlClient db, long id, boolean lock) {
        return one(db.preparedQuery(MEMBERSHIP + " WHERE id = $1" + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(id)),
                ProjectStore::membership);
    }

    public Uni<Membership> membership(SqlClient db, UUID project, UUID person, boolean lock) {
        return one(db.preparedQuery(MEMBERSHIP + " WHERE project = $1 AND person = $2" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(project, person)), ProjectStore::membership);
    }

    /** Memberships a caller may list: own ones and those of owned projects (admins: all), optionally of one project. */
    public Uni<List<Membership>> memberships(SqlClient db, UUID caller, boolean admin, UUID project) {
        return many(db.preparedQuery(MEMBERSHIP + " WHERE ($2 OR person = $1 OR project IN "
                + "(SELECT uuid FROM project WHERE owner = $1)) AND ($3::uuid IS NULL OR project = $3) ORDER BY id")
                .execute(Tuple.of(caller, admin, project)), ProjectStore::membership);
    }

    public Uni<Long> countMembers(SqlClient db, UUID project) {
        return db.preparedQuery("""
                SELECT count(*) AS n FROM membership WHERE project = $1 AND state IN ('accepted', 'leave_requested', 'suspended')""")
                .execute(Tuple.of(project)).map(rs -> rs.iterator().next().getLong("n"));
    }

    public Uni<Long> insertMembership(SqlClient db, UUID project, UUID person, String state, Map<String, String> dates) {
        return db.preparedQuery("INSERT INTO membership (project, person, state, dates) VALUES ($1, $2, $3, ($4::text)::jsonb) RETURNING id")
                .execute(Tuple.of(project, person, state, new JsonObject(new LinkedHashMap<>(dates)).encode()))
                .map(rs -> rs.iterator().next().getLong("id"));
    }

    /** Returns the membership's new sequence. */
    public Uni<Long> updateMembership(SqlClient db, long id, String state, Map<String, String> dates) {
        return db.preparedQuery("""
                UPDATE membership SET state = $2, dates = ($3::text)::jsonb, sequence = sequence + 1 WHERE id = $1
                RETURNING sequence""")
                .execute(Tuple.of(id, state, new JsonObject(new LinkedHashMap<>(dates)).encode()))
                .map(rs -> rs.iterator().next().getLong("sequence"));
    }

    /** Users whose default project is {@code project} and who no longer hold an active membership in it. */
    public Uni<Integer> resetDefaultProjects(SqlClient db, UUID project, UUID onlyPerson) {
        return db.preparedQuery("""
                UPDATE app_user SET default_project = uuid, sequence = sequence + 1
                WHERE default_project = $1 AND uuid <> $1 AND ($2::uuid IS NULL OR uuid = $2)""")
                .execute(Tuple.of(project, onlyPerson)).map(RowSet::rowCount);
    }

    // ---- mapping

    private static <T> Uni<T> one(Uni<RowSet<Row>> rows, java.util.function.Function<Row, T> map) {
        return rows.map(rs -> rs.iterator().hasNext() ? map.apply(rs.iterator().next()) : null);
    }

    private static <T> Uni<List<T>> many(Uni<RowSet<Row>> rows, java.util.function.Function<Row, T> map) {
        return rows.map(rs -> {
            List<T> out = new ArrayList<>();
            rs.forEach(r -> out.add(map.apply(r)));
            return out;
        });
    }

    static Project project(Row r) {
        return new Project(r.getUUID("uuid"), r.getString("name"), r.getString("state"), r.getUUID("owner"),
                r.getString("homepage"), r.getString("description"), UserRepository.instant(r, "creation_date"),
                UserRepository.instant(r, "end_date"), r.getString("join_policy"), r.getString("leave_policy"),
                r.getLong("max_members"), r.getBoolean("private"), r.getBoolean("system_project"),
                UserRepository.instant(r, "deactivation_date"), r.getLong("last_application"), r.getLong("sequence"));
    }

    static Application application(Row r) {
        Map<String, Capacity> resources = new LinkedHashMap<>();
        JsonObject json = new JsonObject(r.getString("resources"));
        for (String name : json.fieldNames()) {
            JsonObject c = json.getJsonObject(name);
            resources.put(name, new Capacity(c.getLong("project_capacity"), c.getLong("member_capacity")));
        }
        return new Application(r.getLong("id"), r.getUUID("project"), r.getString("state"), r.getUUID("applicant"),
                r.getString("name"), r.getUUID("owner"), r.getString("homepage"), r.getString("description"),
                r.getString("comments"), UserRepository.instant(r, "start_date"), UserRepository.instant(r, "end_date"),
                r.getString("join_policy"), r.getString("leave_policy"), r.getLong("max_members"), r.getBoolean("private"),
                resources, UserRepository.instant(r, "issue_date"));
    }

    static Membership membership(Row r) {
        Map<String, String> dates = new LinkedHashMap<>();
        new JsonObject(r.getString("dates")).forEach(e -> dates.put(e.getKey(), String.valueOf(e.getValue())));
        return new Membership(r.getLong("id"), r.getUUID("project"), r.getUUID("person"), r.getString("state"), dates,
                r.getLong("sequence"));
    }

    static Instant now() {
        return Instant.now();
    }
}
