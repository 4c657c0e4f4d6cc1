-- compute-service: block storage (volumes with metadata, snapshots); volume types exist since V1.

ALTER TABLE volume_type ADD COLUMN deleted BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE volume (
    id                    BIGSERIAL   PRIMARY KEY,
    name                  TEXT,
    description           TEXT,
    size                  INT         NOT NULL,  -- GiB
    user_id               TEXT        NOT NULL,
    project               TEXT        NOT NULL,
    shared_to_project     BOOLEAN     NOT NULL DEFAULT FALSE,
    volume_type           INT         NOT NULL REFERENCES volume_type (id),
    server_id             BIGINT      REFERENCES server (id),
    device_index          INT,                   -- 0 is the root volume of the server
    status                TEXT        NOT NULL,  -- the API status, lower-case
    image_id              TEXT,
    snapshot_id           TEXT,
    delete_on_termination BOOLEAN     NOT NULL DEFAULT TRUE,
    initialized           BOOLEAN     NOT NULL DEFAULT FALSE,  -- the disk exists on the backend
    charged               BOOLEAN     NOT NULL DEFAULT FALSE,  -- cyclades.disk held for it (root: by the server)
    deleted               BOOLEAN     NOT NULL DEFAULT FALSE,
    job                   TEXT,                  -- the pending backend job's operation, NULL when idle
    job_id                BIGINT,
    job_started           TIMESTAMPTZ,
    commission_serial     BIGINT,                -- commission of the pending job ...
    commission_outcome    BOOLEAN,               -- ... and, once decided, accept (true) or reject (false)
    created               TIMESTAMPTZ NOT NULL,
    updated               TIMESTAMPTZ NOT NULL,
    sequence              BIGINT      NOT NULL
);
CREATE INDEX volume_user ON volume (user_id, id);
CREATE INDEX volume_server ON volume (server_id, id) WHERE NOT deleted;
CREATE INDEX volume_updated ON volume (updated);
CREATE INDEX volume_pending ON volume (job_started) WHERE job IS NOT NULL;
CREATE UNIQUE INDEX volume_root ON volume (server_id) WHERE device_index = 0;

CREATE TABLE volume_metadata (
    volume_id BIGINT NOT NULL REFERENCES volume (id) ON DELETE CASCADE,
    key       TEXT   NOT NULL,
    value     TEXT   NOT NULL,
    PRIMARY KEY (volume_id, key)
);

CREATE TABLE snapshot (
    id          TEXT        PRIMARY KEY,
    volume_id   BIGINT      NOT NULL REFERENCES volume (id),
    user_id     TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    description TEXT,
    size        INT         NOT NULL,  -- GiB
    status      TEXT        NOT NULL,  -- CREATING, AVAILABLE, ERROR
    job_id      BIGINT      NOT NULL,
    created     TIMESTAMPTZ NOT NULL,
    updated     TIMESTAMPTZ NOT NULL
);
CREATE INDEX snapshot_user ON snapshot (user_id, created);

CREATE TABLE snapshot_metadata (
    snapshot_id TEXT NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, key)
);

-- servers created before block storage get the root volume they have always had
INSERT INTO volume (size, user_id, project, volume_type, server_id, device_index, status, image_id, initialized,
                    deleted, created, updated, sequence)
SELECT f.disk, s.user_id, s.project, f.volume_type, s.id, 0,
       CASE WHEN s.deleted THEN 'deleted' WHEN s.operstate = 'BUILD' THEN 'creating'
            WHEN s.operstate = 'ERROR' THEN 'error' ELSE 'in_use' END,
       s.image_id, TRUE, s.deleted, s.created, s.updated, 1
FROM server s JOIN flavor f ON f.id = s.flavor_id;
