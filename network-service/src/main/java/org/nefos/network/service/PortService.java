package org.nefos.network.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.network.config.NetworkConfig;
import org.nefos.network.domain.Ipv4;
import org.nefos.network.domain.Network;
import org.nefos.network.domain.Port;
import org.nefos.network.domain.PortStatus;
import org.nefos.network.domain.Subnet;
import org.nefos.network.repository.AddressRepository;
import org.nefos.network.repository.NetworkRepository;
import org.nefos.network.repository.PortRepository;
import org.nefos.network.repository.ServerViewRepository;
import org.nefos.network.repository.SubnetRepository;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.FaultException;

/** Ports (cyclades-api.md 4.4, 6.4): addresses, floating IPs held by ports, and the outbox events. */
@ApplicationScoped
public class PortService {

    @Inject
    Pool pool;

    @Inject
    PortRepository ports;

    @Inject
    NetworkRepository networks;

    @Inject
    SubnetRepository subnets;

    @Inject
    AddressRepository addresses;

    @Inject
    ServerViewRepository servers;

    @Inject
    PortEvents events;

    @Inject
    NetworkConfig config;

    public Uni<List<Port>> list(Principal who) {
        return ports.listVisible(pool, who.id());
    }

    public Uni<Port> get(Principal who, long id) {
        return ports.findVisible(pool, who.id(), id).map(p -> {
            if (p == null) {
                throw FaultException.notFound("Port " + id + " not found");
            }
            return p;
        });
    }

    public Uni<Port> create(Principal who, long networkId, Long deviceId, String fixedIp, String name,
            List<String> securityGroups) {
        unknownSecurityGroups(securityGroups);
        long requested = fixedIp == null ? -1 : Ipv4.parse(fixedIp);
        if (fixedIp != null && requested < 0) {
            throw FaultException.badRequest("Invalid fixed IP address '" + fixedIp + "'");
        }
        return pool.withTransaction(tx -> networks.findVisible(tx, who.id(), who.projects(), networkId)
                .chain(n -> {
                    if (n == null) {
                        throw FaultException.notFound("Network " + networkId + " not found");
                    }
                    if (n.deleted()) {
                        throw FaultException.badRequest("Network has been deleted");
                    }
                    return networks.lock(tx, networkId);
                })
                .chain(n -> {
                    if (!"ACTIVE".equals(n.status()) || n.deleted()) {
                        throw FaultException.conflict("Network " + networkId + " is not active");
                    }
                    return n.isPublic() ? publicNetworkRules(tx, n, fixedIp) : Uni.createFrom().item(n);
                })
                .chain(n -> deviceStatus(tx, who, deviceId)
                        .chain(serverStatus -> ports.insert(tx, name, networkId, who.id(), deviceId,
                                PortStatus.initial(deviceId, serverStatus.orElse(null))))
                        .call(id -> n.isPublic() ? attachFloating(tx, who, n, requested, id)
                                : allocate(tx, who, n, requested, id)))
                .chain(id -> ports.find(tx, id))
                .call(port -> events.created(tx, port)));
    }

    public Uni<Port> update(Principal who, long id, String name, List<String> securityGroups) {
        unknownSecurityGroups(securityGroups);
        return get(who, id).chain(p -> {
            if (!who.id().equals(p.userId())) {
                throw FaultException.forbidden("Port " + id + " is not yours");
            }
            if (name == null) {
                return Uni.createFrom().item(p);
            }
            return pool.withTransaction(tx -> ports.rename(tx, id, name).chain(() -> ports.find(tx, id))
                    .call(updated -> events.updated(tx, updated, "update", p.status().name())));
        });
    }

    /**
     * Server create's {@code networks: [{"port": id}]} (compute, on the user's behalf): the user's unattached port
     * joins server {@code deviceId} (DOWN -> BUILD); {@code deviceId} null detaches it again (a refused create).
     * Someone else's port is invisible (404) or not theirs (403); a port in use is 409.
     */
    public Uni<Port> attach(Principal who, long id, Long deviceId) {
        return pool.withTransaction(tx -> ports.findVisible(tx, who.id(), id).chain(p -> {
            if (p == null) {
                throw FaultException.notFound("Port " + id + " not found");
            }
            if (!who.id().equals(p.userId())) {
                throw FaultException.forbidden("Port " + id + " is not yours");
            }
            return ports.lock(tx, id);
        }).chain(p -> {
            if (deviceId == null) {
                if (p.deviceId() == null) {
                    return Uni.createFrom().item(p);
                }
                return ports.setDevice(tx, id, null, PortStatus.DOWN).chain(() -> ports.find(tx, id))
                        .call(updated -> events.updated(tx, updated, "detach", p.status().name()));
            }
            if (p.deviceId() != null) {
                throw FaultException.conflict("Port " + id + " is already in use.");
            }
            return deviceStatus(tx, who, deviceId)
                    .chain(serverStatus -> ports.setDevice(tx, id, deviceId,
                            PortStatus.initial(deviceId, serverStatus.orElse(null))))
                    .chain(() -> ports.find(tx, id))
                    .call(updated -> events.updated(tx, updated, "attach", p.status().name()));
        }));
    }

    public Uni<Void> delete(Principal who, long id) {
        return get(who, id).chain(p -> {
            if (!who.id().equals(p.userId())) {
                throw FaultException.forbidden("Port " + id + " is not yours");
            }
            return pool.withTransaction(tx -> ports.find(tx, id).chain(locked -> {
                if (locked == null) {
                    throw FaultException.notFound("Port " + id + " not found");
                }
                return ports.delete(tx, id).call(() -> events.deleted(tx, locked));
            }));
        });
    }

    /**
     * A port on a public network carries one of the caller's floating IPs (400 without one), and floating IPs are
     * IPv4: a public network with only an IPv6 subnet cannot be connected to at all (403, cyclades-api.md 2.3).
     */
    private Uni<Network> publicNetworkRules(SqlConnection tx, Network n, String fixedIp) {
        return subnets.hasIpv4Subnet(tx, n.id()).map(v4 -> {
            if (!v4) {
                throw ipv6OnlyPublic(n.id());
            }
            if (fixedIp == null) {
                throw FaultException.badRequest("A floating IP address is required to connect to a public network");
            }
            return n;
        });
    }

    static FaultException ipv6OnlyPublic(long networkId) {
        return FaultException.forbidden("Cannot connect to IPv6 only public network " + networkId);
    }

    /** The known status of the device, if any; another user's server is invisible (404). */
    private Uni<Optional<String>> deviceStatus(SqlConnection tx, Principal who, Long deviceId) {
        if (deviceId == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return servers.find(tx, deviceId).chain(s -> {
            if (s != null && !who.id().equals(s.userId())) {
                throw FaultException.notFound("Server " + deviceId + " not found");
            }
            if (s != null && "DELETED".equals(s.status())) {
                throw FaultException.badRequest("Server " + deviceId + " has been deleted");
            }
            return ports.countOfDevice(tx, deviceId).map(count -> {
                if (count >= config.maxPortsPerServer()) {
                    throw FaultException.badRequest("Maximum ports per server limit reached");
                }
                return Optional.ofNullable(s == null ? null : s.status());
            });
        });
    }

    private Uni<Void> attachFloating(SqlConnection tx, Principal who, Network n, long address, long portId) {
        return addresses.lockFloatingByAddress(tx, who.id(), n.id(), address).chain(ip -> {
            if (ip == null) {
                throw FaultException.notFound("Floating IP " + Ipv4.format(address) + " not found");
            }
            if (ip.portId() != null) {
                throw FaultException.conflict("IP address '" + ip.address() + "' already in use");
            }
            return addresses.attach(tx, ip.id(), portId);
        });
    }

    private Uni<Void> allocate(SqlConnection tx, Principal who, Network n, long requested, long portId) {
        return subnets.ofNetwork(tx, n.id()).chain(list -> {
            Subnet v4 = list.stream().filter(s -> s.ipVersion() == 4).findFirst().orElse(null);
            if (v4 == null) {
                if (requested >= 0) {
                    throw FaultException.badRequest("Network " + n.id() + " has no IPv4 subnet");
                }
                return Uni.createFrom().voidItem();
            }
            if (requested >= 0) {
                if (!inPools(v4, requested)) {
                    throw FaultException.badRequest("IP address '" + Ipv4.format(requested)
                            + "' is not in an allocation pool of subnet " + v4.id());
                }
                return addresses.reserve(tx, v4.id(), n.id(), requested, who.id(), null, false, false, portId)
                        .map(id -> {
                            if (id == null) {
                                throw FaultException.conflict("IP address '" + Ipv4.format(requested) + "' is already in use");
                            }
                            return null;
                        });
            }
            return addresses.allocate(tx, v4.id(), n.id(), who.id(), null, false, false, portId).map(id -> {
                if (id == null) {
                    throw FaultException.conflict("No more IP addresses available on network " + n.id());
                }
                return null;
            });
        }).replaceWithVoid();
    }

    static boolean inPools(Subnet s, long address) {
        return s.pools().stream().anyMatch(p -> address >= p[0] && address <= p[1]);
    }

    /** There is no security-group API: every named group is unknown (404); output is always []. */
    private static void unknownSecurityGroups(List<String> groups) {
        if (groups != null && !groups.isEmpty()) {
            throw FaultException.notFound("Security group " + groups.get(0) + " not found");
        }
    }
}
