-- Plankton images (pithos-plankton-api.md 6). The image id is the Pithos object UUID; the object's
-- bytes stay in Pithos. size, checksum (Merkle hash), location and mtime mirror the object and follow
-- storage.object.events; object_version is the Pithos version id those figures belong to.

CREATE TABLE image (
    id                UUID PRIMARY KEY,
    account           TEXT NOT NULL,
    container         TEXT NOT NULL,
    object_name       TEXT NOT NULL,
    name              TEXT NOT NULL,
    disk_format       TEXT NOT NULL,
    container_format  TEXT NOT NULL,
    status            TEXT,
    owner_meta        TEXT,
    description       TEXT,
    is_public         BOOLEAN NOT NULL DEFAULT FALSE,
    members           TEXT[] NOT NULL DEFAULT '{}',
    properties        JSONB NOT NULL DEFAULT '{}',
    size              BIGINT NOT NULL,
    checksum          TEXT NOT NULL,
    object_version    BIGINT NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    deleted_at        TIMESTAMPTZ,
    sequence          BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX image_account ON image (account);
CREATE INDEX image_public ON image (is_public) WHERE is_public;
CREATE INDEX image_members ON image USING GIN (members);
