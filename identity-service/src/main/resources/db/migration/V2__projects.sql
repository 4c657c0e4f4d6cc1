-- Projects beyond the system project: applications (create/modify requests) and their link to projects.

CREATE TABLE project_application (
    id            BIGSERIAL PRIMARY KEY,
    project       UUID        NOT NULL REFERENCES project (uuid),
    state         TEXT        NOT NULL,   -- pending | approved | replaced | denied | dismissed | cancelled
    applicant     UUID        NOT NULL REFERENCES app_user (uuid),
    name          TEXT,
    owner         UUID,
    homepage      TEXT,
    description   TEXT,
    comments      TEXT,
    start_date    TIMESTAMPTZ,
    end_date      TIMESTAMPTZ,
    join_policy   TEXT,
    leave_policy  TEXT,
    max_members   BIGINT,
    private       BOOLEAN,
    resources     JSONB       NOT NULL DEFAULT '{}',  -- resource -> {project_capacity, member_capacity}
    issue_date    TIMESTAMPTZ NOT NULL,
    response_date TIMESTAMPTZ
);
CREATE INDEX project_application_project ON project_application (project);

ALTER TABLE project ADD COLUMN last_application BIGINT REFERENCES project_application (id);
CREATE INDEX project_name_alive ON project (name) WHERE state IN ('active', 'suspended');
CREATE INDEX membership_project ON membership (project);
