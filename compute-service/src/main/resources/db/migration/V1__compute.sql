-- compute-service: flavors, the image view seed, servers with metadata and tags, keypairs.

CREATE TABLE volume_type (
    id            INT  PRIMARY KEY,
    disk_template TEXT NOT NULL UNIQUE
);
INSERT INTO volume_type (id, disk_template) VALUES
    (1, 'drbd'), (2, 'ext_archipelago'), (3, 'ext_vlmc'), (4, 'plain');

CREATE TABLE flavor (
    id           BIGSERIAL PRIMARY KEY,
    vcpus        INT     NOT NULL,
    ram          INT     NOT NULL,  -- MiB
    disk         INT     NOT NULL,  -- GiB
    volume_type  INT     NOT NULL REFERENCES volume_type (id),
    allow_create BOOLEAN NOT NULL DEFAULT TRUE,
    is_public    BOOLEAN NOT NULL DEFAULT TRUE,
    deleted      BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (vcpus, ram, disk, volume_type)
);

-- the flavors of a small Synnefo deployment
INSERT INTO flavor (vcpus, ram, disk, volume_type)
SELECT c, r, d, t
FROM unnest(ARRAY[1, 2, 4]) AS c, unnest(ARRAY[1024, 2048, 4096]) AS r, unnest(ARRAY[10, 20, 40]) AS d,
     unnest(ARRAY[1, 2]) AS t
ORDER BY t, c, r, d;
INSERT INTO flavor (vcpus, ram, disk, volume_type) VALUES (8, 16384, 80, 1), (2, 2048, 20, 3);
-- kept for old servers, not for new ones
INSERT INTO flavor (vcpus, ram, disk, volume_type, allow_create) VALUES (1, 512, 5, 4, FALSE);

-- The image registry's view until image-service exists (behind client.ImageClient).
CREATE TABLE image (
    id          TEXT        PRIMARY KEY,
    name        TEXT        NOT NULL,
    owner       TEXT        NOT NULL,
    is_public   BOOLEAN     NOT NULL,
    status      TEXT        NOT NULL,
    is_snapshot BOOLEAN     NOT NULL DEFAULT FALSE,
    size_bytes  BIGINT      NOT NULL,
    created     TIMESTAMPTZ NOT NULL,
    updated     TIMESTAMPTZ NOT NULL,
    properties  JSONB       NOT NULL
);
INSERT INTO image (id, name, owner, is_public, status, size_bytes, created, updated, properties) VALUES
 ('0b1e5c2a-3d4f-4a6b-8c9d-0e1f2a3b4c5d', 'Debian Base', 'system', TRUE, 'ACTIVE', 2147483648,
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',
  '{"os": "debian", "osfamily": "linux", "users": "root", "description": "Debian 12 base", "kernel": "6.1", "gui": "No GUI", "sortorder": "1"}'),
 ('6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c', 'Ubuntu Server', 'system', TRUE, 'ACTIVE', 3221225472,
  '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z',
  '{"os": "ubuntu", "osfamily": "linux", "users": "user", "description": "Ubuntu 24.04 LTS", "sortorder": "2"}'),
 ('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5e', 'Windows Server', 'system', TRUE, 'ACTIVE', 21474836480,
  '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z',
  '{"os": "windows", "osfamily": "windows", "users": "Administrator", "sortorder": "3"}');

CREATE TABLE server (
    id                 BIGSERIAL   PRIMARY KEY,
    name               TEXT        NOT NULL,
    user_id            TEXT        NOT NULL,
    project            TEXT        NOT NULL,
    shared_to_project  BOOLEAN     NOT NULL DEFAULT FALSE,
    flavor_id          BIGINT      NOT NULL REFERENCES flavor (id),
    image_id           TEXT        NOT NULL,
    operstate          TEXT        NOT NULL,  -- BUILD, STARTED, STOPPED, ERROR, DESTROYED
    task               TEXT,                  -- the pending backend job's operation, NULL when idle
    job_id             BIGINT,                -- the pending (or last) backend job
    task_started       TIMESTAMPTZ,
    target_flavor_id   BIGINT      REFERENCES flavor (id),  -- resize in progress
    progress           INT         NOT NULL DEFAULT 0,
    suspended          BOOLEAN     NOT NULL DEFAULT FALSE,
    deleted            BOOLEAN     NOT NULL DEFAULT FALSE,
    rescue             BOOLEAN     NOT NULL DEFAULT FALSE,
    quota_held         BOOLEAN     NOT NULL DEFAULT FALSE,  -- the create commission was accepted
    commission_serial  BIGINT,                -- commission of the pending task ...
    commission_outcome BOOLEAN,               -- ... and, once decided, accept (true) or reject (false)
    key_names          TEXT[]      NOT NULL DEFAULT '{}',
    admin_pass         TEXT,                  -- the password cache of GET /servers/{id}/password
    message            TEXT,                  -- the last backend diagnostic
    created            TIMESTAMPTZ NOT NULL,
    updated            TIMESTAMPTZ NOT NULL,
    sequence           BIGINT      NOT NULL
);
CREATE INDEX server_user ON server (user_id, id);
CREATE INDEX server_updated ON server (updated);
CREATE INDEX server_pending ON server (task_started) WHERE task IS NOT NULL;
CREATE SEQUENCE backend_job_id START 1000;

CREATE TABLE server_metadata (
    server_id BIGINT NOT NULL REFERENCES server (id) ON DELETE CASCADE,
    key       TEXT   NOT NULL,
    value     TEXT   NOT NULL,
    PRIMARY KEY (server_id, key)
);

CREATE TABLE server_tag (
    server_id BIGINT NOT NULL REFERENCES server (id) ON DELETE CASCADE,
    tag       TEXT   NOT NULL,
    status    TEXT   NOT NULL,  -- PENDADD or ACTIVE
    position  BIGSERIAL,
    PRIMARY KEY (server_id, tag)
);

CREATE TABLE keypair (
    id          BIGSERIAL   PRIMARY KEY,
    user_id     TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    public_key  TEXT        NOT NULL,
    fingerprint TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (user_id, name)
);
