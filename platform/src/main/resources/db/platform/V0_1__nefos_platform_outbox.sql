-- Shared by every Nefos service (Flyway location db/platform, versions below the services' own V1).

-- Transactional outbox: business code inserts here in the same transaction as the state change;
-- OutboxRelay publishes rows in position order and marks them.
CREATE TABLE outbox_event (
    position      BIGSERIAL PRIMARY KEY,
    id            UUID        NOT NULL UNIQUE,
    topic         TEXT        NOT NULL,
    message_key   TEXT        NOT NULL,
    type          TEXT        NOT NULL,
    source        TEXT        NOT NULL,
    subject       TEXT,
    occurred_at   TIMESTAMPTZ NOT NULL,
    payload       JSON        NOT NULL,
    published_at  TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

-- Idempotent consumers: an event id is applied once per consumer group ...
CREATE TABLE processed_event (
    consumer_group TEXT        NOT NULL,
    event_id       TEXT        NOT NULL,
    processed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);

-- ... and never older than what the group already applied for the same resource.
CREATE TABLE consumed_sequence (
    consumer_group TEXT   NOT NULL,
    resource_key   TEXT   NOT NULL,
    last_sequence  BIGINT NOT NULL,
    PRIMARY KEY (consumer_group, resource_key)
);
