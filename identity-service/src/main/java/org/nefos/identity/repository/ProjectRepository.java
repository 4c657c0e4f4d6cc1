package org.nefos.identity.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** SQL for projects, their resource capacities and memberships. */
@ApplicationScoped
public class ProjectRepository {

    /** The columns a new project row needs. */
    public record NewProject(UUID uuid, String name, String state, UUID owner, String homepage, String description,
            Instant created, Instant endDate, String joinPolicy, String leavePolicy, long maxMembers,
            boolean privateProject, boolean systemProject) {
    }

    /** What membership checks need to know about a project. */
    public record ProjectState(UUID uuid, String state, boolean systemProject) {
    }

    public Uni<Void> insert(SqlClient db, NewProject p) {
        return db.preparedQuery("""
                INSERT INTO project (uuid, name, state, owner, homepage, description, creation_date, end_date,
                join_policy, leave_policy, max_members, private, system_project)
                VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)""")
                .execute(Tuple.from(new Object[] {p.uuid(), p.name(), p.state(), p.owner(), p.homepage(),
                        p.description(), UserRepository.utc(p.created()), UserRepository.utc(p.endDate()),
                        p.joinPolicy(), p.leavePolicy(), p.maxMembers(), p.privateProject(), p.systemProject()}))
                .replaceWithVoid();
    }

    public Uni<Void> upsertResource(SqlClient db, UUID project, String resource, long projectCapacity,
            long memberCapacity) {
        return db.preparedQuery("""
                INSERT INTO project_resource (project, resource, project_capacity, member_capacity)
                VALUES ($1, $2, $3, $4) ON CONFLICT (project, resource)
                DO UPDATE SET project_capacity = EXCLUDED.project_capacity, member_capacity = EXCLUDED.member_capacity""")
                .execute(Tuple.of(project, resource, projectCapacity, memberCapacity)).replaceWithVoid();
    }

    public Uni<Long> insertMembership(SqlClient db, UUID project, UUID person, String state, Instant at) {
        JsonObject dates = new JsonObject().put(state, org.nefos.platform.json.SynnefoDates.format(at));
        if ("accepted".equals(state)) {
            dates.put("requested", org.nefos.platform.json.SynnefoDates.format(at));
        }
        return db.preparedQuery("""
                INSERT INTO membership (project, person, state, dates) VALUES ($1, $2, $3, $4) RETURNING id""")
                .execute(Tuple.of(project, person, state, dates))
                .map(rs -> rs.iterator().next().getLong("id"));
    }

    public Uni<ProjectState> find(SqlClient db, UUID project) {
        return db.preparedQuery("SELECT uuid, state, system_project FROM project WHERE uuid = $1")
                .execute(Tuple.of(project))
                .map(rs -> rs.iterator().hasNext()
                        ? new ProjectState(rs.iterator().next().getUUID("uuid"), rs.iterator().next().getString("state"),
                                rs.iterator().next().getBoolean("system_project"))
                        : null);
    }

    /** State of {@code person}'s membership in {@code project}, or null. */
    public Uni<String> membershipState(SqlClient db, UUID project, UUID person) {
        return db.preparedQuery("SELECT state FROM membership WHERE project = $1 AND person = $2")
                .execute(Tuple.of(project, person))
                .map(rs -> rs.iterator().hasNext() ? rs.iterator().next().getString("state") : null);
    }

    /** Active projects where the user's membership is accepted or leave_requested ({@code access.user.projects}). */
    public Uni<List<UUID>> activeProjectsOf(SqlClient db, UUID person) {
        return db.preparedQuery("""
                SELECT p.uuid FROM membership m JOIN project p ON p.uuid = m.project
                WHERE m.person = $1 AND m.state IN ('accepted', 'leave_requested') AND p.state = 'active'
                ORDER BY p.system_project DESC, p.creation_date""")
                .execute(Tuple.of(person))
                .map(rs -> {
                    List<UUID> ids = new ArrayList<>();
                    rs.forEach(r -> ids.add(r.getUUID("uuid")));
                    return ids;
                });
    }
}
