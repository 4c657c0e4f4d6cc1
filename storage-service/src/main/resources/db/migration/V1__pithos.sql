-- Pithos: accounts, containers, object versions (hashmaps), permissions and public links.
-- Object bytes live in the content-addressed block store; a version is an ordered list of block hashes.

CREATE SEQUENCE version_serial;

CREATE TABLE account (
    name        text PRIMARY KEY,
    meta        jsonb NOT NULL DEFAULT '{}',
    groups      jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    modified_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE container (
    id          bigserial PRIMARY KEY,
    account     text NOT NULL REFERENCES account (name),
    name        text NOT NULL,
    quota       bigint NOT NULL DEFAULT 0,
    versioning  text NOT NULL DEFAULT 'auto',
    project     text NOT NULL,
    meta        jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    modified_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account, name)
);

-- cluster: 0 = current, 1 = history, 2 = deleted (tombstone)
CREATE TABLE object_version (
    id           bigint PRIMARY KEY DEFAULT nextval('version_serial'),
    container_id bigint NOT NULL REFERENCES container (id) ON DELETE CASCADE,
    name         text NOT NULL COLLATE "C",
    uuid         uuid NOT NULL,
    size         bigint NOT NULL,
    hashes       text[] NOT NULL,
    top_hash     text NOT NULL,
    md5          text NOT NULL DEFAULT '',
    content_type text NOT NULL,
    meta         jsonb NOT NULL DEFAULT '{}',
    other_meta   jsonb NOT NULL DEFAULT '{}',
    modified_by  text NOT NULL,
    mtime        timestamptz NOT NULL,
    cluster      smallint NOT NULL
);
CREATE UNIQUE INDEX object_current ON object_version (container_id, name) WHERE cluster = 0;
CREATE INDEX object_by_name ON object_version (container_id, name, id);

CREATE TABLE permission (
    container_id bigint NOT NULL REFERENCES container (id) ON DELETE CASCADE,
    name         text NOT NULL COLLATE "C",
    readers      text[] NOT NULL DEFAULT '{}',
    writers      text[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (container_id, name)
);

CREATE TABLE public_link (
    token        text PRIMARY KEY,
    container_id bigint NOT NULL REFERENCES container (id) ON DELETE CASCADE,
    name         text NOT NULL COLLATE "C",
    UNIQUE (container_id, name)
);
