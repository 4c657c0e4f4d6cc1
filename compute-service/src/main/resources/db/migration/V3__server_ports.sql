-- compute's view of network-service's ports, kept from network.port.events (cyclades-api.md 3.1, 3.2):
-- the server's attachments and addresses are its ACTIVE ports. One row per live port; a deleted port's row
-- is removed (the consumed_sequence of "port:<id>" keeps late, older events from bringing it back).
CREATE TABLE server_port (
    port_id      BIGINT      PRIMARY KEY,
    server_id    BIGINT,
    network_id   TEXT        NOT NULL,
    user_id      TEXT        NOT NULL,
    mac_address  TEXT,
    status       TEXT        NOT NULL,
    ipv4         TEXT,
    ipv6         TEXT,
    floating     BOOLEAN     NOT NULL DEFAULT FALSE,
    sequence     BIGINT      NOT NULL,
    updated      TIMESTAMPTZ NOT NULL
);
CREATE INDEX server_port_server ON server_port (server_id);
