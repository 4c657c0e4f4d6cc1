-- The public network floating IPs are drawn from (SNF:floating_ip_pool), admin-owned (user_id null).
-- 203.0.113.0/24 (TEST-NET-3), gateway .1, pool .2-.254; deployments add their own pools.
INSERT INTO network (name, user_id, project_id, type, status, public, floating_ip_pool, created_at, updated_at)
VALUES ('public', NULL, NULL, 'IP_LESS_ROUTED', 'ACTIVE', TRUE, TRUE, now(), now());

INSERT INTO subnet (network_id, name, ip_version, cidr, gateway_ip, enable_dhcp, created_at, updated_at)
SELECT id, 'public-v4', 4, '203.0.113.0/24', '203.0.113.1', TRUE, now(), now() FROM network WHERE name = 'public' AND public;

INSERT INTO allocation_pool (subnet_id, first_ip, last_ip)
SELECT s.id, (203::bigint << 24) + (0 << 16) + (113 << 8) + 2, (203::bigint << 24) + (113 << 8) + 254
FROM subnet s JOIN network n ON n.id = s.network_id WHERE n.name = 'public' AND n.public;
