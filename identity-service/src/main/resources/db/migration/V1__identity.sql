-- identity-service (Astakos): users, components, resources, projects, memberships, holdings, commissions.

CREATE TABLE app_user (
    uuid             UUID PRIMARY KEY,
    email            TEXT        NOT NULL UNIQUE,   -- lower-cased; the Synnefo "username"/display name
    first_name       TEXT        NOT NULL DEFAULT '',
    last_name        TEXT        NOT NULL DEFAULT '',
    affiliation      TEXT        NOT NULL DEFAULT '',
    auth_token       TEXT        NOT NULL UNIQUE,
    token_created    TIMESTAMPTZ NOT NULL,
    token_expires    TIMESTAMPTZ NOT NULL,
    is_active        BOOLEAN     NOT NULL DEFAULT TRUE,
    is_verified      BOOLEAN     NOT NULL DEFAULT TRUE,
    is_moderated     BOOLEAN     NOT NULL DEFAULT TRUE,
    is_rejected      BOOLEAN     NOT NULL DEFAULT FALSE,
    has_signed_terms BOOLEAN     NOT NULL DEFAULT TRUE,
    deactivated_reason TEXT      NOT NULL DEFAULT '',
    roles            TEXT[]      NOT NULL DEFAULT '{}',
    default_project  UUID        NOT NULL,
    sequence         BIGINT      NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    moderated_at     TIMESTAMPTZ,
    verified_at      TIMESTAMPTZ
);

CREATE TABLE component (
    name          TEXT PRIMARY KEY,
    auth_token    TEXT NOT NULL UNIQUE,
    token_expires TIMESTAMPTZ
);

CREATE TABLE resource (
    name           TEXT PRIMARY KEY,
    service        TEXT    NOT NULL,  -- registering service name, e.g. cyclades_compute
    component      TEXT    NOT NULL,  -- owning component, e.g. cyclades
    description    TEXT    NOT NULL,
    unit           TEXT,
    ui_visible     BOOLEAN NOT NULL,
    api_visible    BOOLEAN NOT NULL,
    system_default BIGINT  NOT NULL,
    project_default BIGINT NOT NULL,
    position       INT     NOT NULL
);

CREATE TABLE project (
    uuid              UUID PRIMARY KEY,
    name              TEXT        NOT NULL,
    state             TEXT        NOT NULL,
    owner             UUID,
    homepage          TEXT        NOT NULL DEFAULT '',
    description       TEXT        NOT NULL DEFAULT '',
    creation_date     TIMESTAMPTZ NOT NULL,
    end_date          TIMESTAMPTZ NOT NULL,
    join_policy       TEXT        NOT NULL,
    leave_policy      TEXT        NOT NULL,
    max_members       BIGINT      NOT NULL,
    private           BOOLEAN     NOT NULL,
    system_project    BOOLEAN     NOT NULL,
    deactivation_date TIMESTAMPTZ,
    sequence          BIGINT      NOT NULL DEFAULT 1
);

CREATE TABLE project_resource (
    project          UUID   NOT NULL REFERENCES project (uuid),
    resource         TEXT   NOT NULL REFERENCES resource (name),
    project_capacity BIGINT NOT NULL,
    member_capacity  BIGINT NOT NULL,
    PRIMARY KEY (project, resource)
);

CREATE TABLE membership (
    id       BIGSERIAL PRIMARY KEY,
    project  UUID  NOT NULL REFERENCES project (uuid),
    person   UUID  NOT NULL REFERENCES app_user (uuid),
    state    TEXT  NOT NULL,
    dates    JSONB NOT NULL DEFAULT '{}',  -- state name -> date of the latest entry into it
    sequence BIGINT NOT NULL DEFAULT 1,
    UNIQUE (project, person)
);
CREATE INDEX membership_person ON membership (person);

-- Quota counters: (holder, source, resource); source '' stands for Astakos' null source of project holdings.
CREATE TABLE holding (
    holder      TEXT   NOT NULL,
    source      TEXT   NOT NULL,
    resource    TEXT   NOT NULL REFERENCES resource (name),
    limit_value BIGINT NOT NULL,
    usage_min   BIGINT NOT NULL DEFAULT 0,
    usage_max   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (holder, source, resource),
    CHECK (usage_min <= usage_max)
);

CREATE TABLE commission (
    serial      BIGSERIAL PRIMARY KEY,
    component   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    state       TEXT        NOT NULL,   -- pending | accepted | rejected
    issue_time  TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ
);
CREATE INDEX commission_pending ON commission (component, serial) WHERE state = 'pending';

CREATE TABLE provision (
    serial   BIGINT NOT NULL REFERENCES commission (serial),
    position INT    NOT NULL,
    holder   TEXT   NOT NULL,
    source   TEXT   NOT NULL,
    resource TEXT   NOT NULL,
    quantity BIGINT NOT NULL,
    PRIMARY KEY (serial, position)
);

-- The resources of Synnefo with snf-deploy's realistic defaults (spec identity-api.md 9.2).
-- 9223372036854775807 = "inf". nefos.identity.base-quota.<resource> overrides system_default at start-up.
INSERT INTO resource (name, service, component, description, unit, ui_visible, api_visible, system_default, project_default, position) VALUES
 ('cyclades.vm',              'cyclades_compute',    'cyclades', 'Number of virtual machines', NULL, TRUE, TRUE, 4, 0, 1),
 ('cyclades.cpu',             'cyclades_compute',    'cyclades', 'Number of virtual machine processors of running servers', NULL, TRUE, TRUE, 16, 0, 2),
 ('cyclades.total_cpu',       'cyclades_compute',    'cyclades', 'Number of virtual machine processors', NULL, FALSE, FALSE, 32, 9223372036854775807, 3),
 ('cyclades.ram',             'cyclades_compute',    'cyclades', 'Virtual machine memory size of running servers', 'bytes', TRUE, TRUE, 8589934592, 0, 4),
 ('cyclades.total_ram',       'cyclades_compute',    'cyclades', 'Virtual machine memory size', 'bytes', FALSE, FALSE, 17179869184, 9223372036854775807, 5),
 ('cyclades.disk',            'cyclades_compute',    'cyclades', 'Virtual machine disk size', 'bytes', TRUE, TRUE, 42949672960, 0, 6),
 ('cyclades.network.private', 'cyclades_network',    'cyclades', 'Number of private networks', NULL, TRUE, TRUE, 4, 0, 7),
 ('cyclades.floating_ip',     'cyclades_network',    'cyclades', 'Number of Floating IP addresses', NULL, TRUE, TRUE, 4, 0, 8),
 ('pithos.diskspace',         'pithos_object-store', 'pithos',   'Pithos account diskspace', 'bytes', TRUE, TRUE, 42949672960, 0, 9),
 ('astakos.pending_app',      'astakos_account',     'astakos',  'Number of pending project applications', NULL, FALSE, FALSE, 2, 0, 10);
