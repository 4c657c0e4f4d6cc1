-- changes-since on the floating-IP list (cyclades-api.md 1.6): live floating IPs carry the time of their last
-- change, and a released one leaves a tombstone so pollers learn it is gone. The tombstone cannot stay in
-- ip_address: its unique (subnet, address) key must let the address be handed out again at once.
ALTER TABLE ip_address ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE ip_address SET updated_at = created_at;
ALTER TABLE ip_address ALTER COLUMN updated_at SET NOT NULL;

CREATE TABLE released_floating_ip (
    id                BIGINT PRIMARY KEY,   -- the id it had in ip_address (never reused)
    network_id        BIGINT NOT NULL REFERENCES network (id),
    address           BIGINT NOT NULL,
    user_id           TEXT NOT NULL,
    project_id        TEXT,
    shared_to_project BOOLEAN NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    released_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX released_floating_ip_user ON released_floating_ip (user_id, released_at);
