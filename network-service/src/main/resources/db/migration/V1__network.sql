-- Cyclades networks, subnets, ports and IP addresses (cyclades-api.md 3.5-3.8, 4).

CREATE TABLE network (
    id                BIGSERIAL PRIMARY KEY,
    name              TEXT NOT NULL DEFAULT '',
    user_id           TEXT,
    project_id        TEXT,
    shared_to_project BOOLEAN NOT NULL DEFAULT FALSE,
    type              TEXT NOT NULL,
    status            TEXT NOT NULL,
    public            BOOLEAN NOT NULL DEFAULT FALSE,
    floating_ip_pool  BOOLEAN NOT NULL DEFAULT FALSE,
    deleted           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX network_user ON network (user_id);

CREATE TABLE subnet (
    id               BIGSERIAL PRIMARY KEY,
    network_id       BIGINT NOT NULL REFERENCES network (id),
    name             TEXT NOT NULL DEFAULT '',
    ip_version       INT NOT NULL,
    cidr             TEXT NOT NULL,
    gateway_ip       TEXT,
    enable_dhcp      BOOLEAN NOT NULL,
    dns_nameservers  TEXT NOT NULL DEFAULT '[]',
    host_routes      TEXT NOT NULL DEFAULT '[]',
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (network_id, ip_version)
);

-- IPv4 address ranges of a subnet, as integers (inclusive)
CREATE TABLE allocation_pool (
    subnet_id  BIGINT NOT NULL REFERENCES subnet (id),
    first_ip   BIGINT NOT NULL,
    last_ip    BIGINT NOT NULL
);
CREATE INDEX allocation_pool_subnet ON allocation_pool (subnet_id);

CREATE TABLE port (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL DEFAULT '',
    network_id      BIGINT NOT NULL REFERENCES network (id),
    user_id         TEXT NOT NULL,
    device_id       BIGINT,
    mac_address     TEXT UNIQUE,
    status          TEXT NOT NULL,
    sequence        BIGINT NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX port_device ON port (device_id);
CREATE INDEX port_network ON port (network_id);

-- Every allocated IPv4 address: a port's fixed IP, or a floating IP (owned, charged, maybe held by a port).
-- The unique key is what makes an address impossible to hand out twice.
CREATE TABLE ip_address (
    id                BIGSERIAL PRIMARY KEY,
    subnet_id         BIGINT NOT NULL REFERENCES subnet (id),
    network_id        BIGINT NOT NULL REFERENCES network (id),
    address           BIGINT NOT NULL,
    floating          BOOLEAN NOT NULL,
    port_id           BIGINT REFERENCES port (id),
    user_id           TEXT NOT NULL,
    project_id        TEXT,
    shared_to_project BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL,
    UNIQUE (subnet_id, address)
);
CREATE INDEX ip_address_port ON ip_address (port_id);
CREATE INDEX ip_address_user ON ip_address (user_id);

-- What network-service knows of compute's servers, from compute.server.events
CREATE TABLE server_view (
    id          BIGINT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    status      TEXT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
