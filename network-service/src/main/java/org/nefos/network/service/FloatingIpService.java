package org.nefos.network.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.network.config.NetworkConfig;
import org.nefos.network.domain.FloatingIp;
import org.nefos.network.domain.Ipv4;
import org.nefos.network.domain.Subnet;
import org.nefos.network.repository.AddressRepository;
import org.nefos.network.repository.NetworkRepository;
import org.nefos.network.repository.SubnetRepository;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.quota.Provision;

/** Floating IPs (cyclades-api.md 4.5, 6.7): charged to {@code cyclades.floating_ip}, released
 * synchronously (leaving a tombstone for {@code changes-since}). */
@ApplicationScoped
public class FloatingIpService {

    @Inject
    Pool pool;

    @Inject
    AddressRepository addresses;

    @Inject
    NetworkRepository networks;

    @Inject
    SubnetRepository subnets;

    @Inject
    Quotas quotas;

    @Inject
    NetworkConfig config;

    public Uni<List<FloatingIp>> list(Principal who) {
        return addresses.listFloating(pool, who.id());
    }

    /** Those changed at or after {@code since}, released ones included; 304 when there are none. */
    public Uni<List<FloatingIp>> changedSince(Principal who, Instant since) {
        return addresses.listFloatingChanged(pool, who.id(), since).invoke(l -> {
            if (l.isEmpty()) {
                throw new FaultException(Fault.NOT_MODIFIED, "No changes since " + since);
            }
        });
    }

    public Uni<FloatingIp> get(Principal who, long id) {
        return addresses.findFloating(pool, who.id(), id).map(ip -> {
            if (ip == null) {
                throw FaultException.notFound("Floating IP " + id + " not found");
            }
            return ip;
        });
    }

    public Uni<FloatingIp> create(Principal who, Long networkId, String address, String project, boolean shared) {
        long requested = address == null ? -1 : Ipv4.parse(address);
        if (address != null && requested < 0) {
            throw FaultException.badRequest("Invalid floating IP address '" + address + "'");
        }
        String charged = project == null ? who.defaultProject() : project;
        Uni<List<Long>> candidates = networkId == null ? networks.floatingPools(pool)
                : networks.findVisible(pool, who.id(), who.projects(), networkId).map(n -> {
                    if (n == null) {
                        throw FaultException.notFound("Network " + networkId + " not found");
                    }
                    if (n.deleted()) {
                        throw FaultException.badRequest("Network has been deleted");
                    }
                    if (!n.floatingIpPool()) {
                        throw FaultException.conflict("Network " + networkId + " is not a floating IP pool");
                    }
                    if (!"ACTIVE".equals(n.status())) {
                        throw FaultException.conflict("Network " + networkId + " is not active");
                    }
                    return n.id();
                }).chain(id -> subnets.hasIpv4Subnet(pool, id).map(v4 -> {
                    if (!v4) {
                        throw PortService.ipv6OnlyPublic(id);
                    }
                    return List.of(id);
                }));
        return candidates.chain(list -> {
            if (list.isEmpty()) {
                throw FaultException.conflict("Cannot allocate a floating IP address.");
            }
            return quotas.charged("floating IP create", Provision.charge(who.id(), charged, Quotas.FLOATING_IP, 1), false,
                    () -> pool.withTransaction(tx -> allocateOn(tx, who, list, 0, requested, charged, shared)));
        }).chain(id -> get(who, id));
    }

    private Uni<Long> allocateOn(SqlConnection tx, Principal who, List<Long> networkIds, int index, long requested,
            String project, boolean shared) {
        if (index >= networkIds.size()) {
            throw FaultException.conflict("Cannot allocate a floating IP address.");
        }
        long networkId = networkIds.get(index);
        return subnets.ofNetwork(tx, networkId).chain(list -> {
            Subnet v4 = list.stream().filter(s -> s.ipVersion() == 4).findFirst().orElse(null);
            if (v4 == null) {
                return allocateOn(tx, who, networkIds, index + 1, requested, project, shared);
            }
            if (requested >= 0) {
                if (!PortService.inPools(v4, requested)) {
                    throw FaultException.badRequest("IP address '" + Ipv4.format(requested) + "' is not in a pool");
                }
                return addresses.reserve(tx, v4.id(), networkId, requested, who.id(), project, shared, true, null)
                        .map(id -> {
                            if (id == null) {
                                throw FaultException.conflict("IP address '" + Ipv4.format(requested) + "' is already in use");
                            }
                            return id;
                        });
            }
            return addresses.allocate(tx, v4.id(), networkId, who.id(), project, shared, true, null)
                    .chain(id -> id != null ? Uni.createFrom().item(id)
                            : allocateOn(tx, who, networkIds, index + 1, requested, project, shared));
        });
    }

    public Uni<Void> delete(Principal who, long id) {
        return get(who, id).chain(ip -> {
            if (ip.portId() != null) {
                throw FaultException.conflict(ip.instanceId() != null
                        ? "IP '" + ip.address() + "' is used by server '" + ip.instanceId() + "'"
                        : "IP '" + ip.address() + "' is used by port '" + ip.portId() + "'");
            }
            return quotas.charged("floating IP delete", Provision.charge(ip.userId(), ip.projectId(), Quotas.FLOATING_IP, -1),
                    true, () -> pool.withTransaction(tx -> addresses.releaseDetachedFloating(tx, id).chain(released -> {
                        if (!released) {
                            throw FaultException.conflict("IP '" + ip.address() + "' is in use");
                        }
                        return addresses.forgetReleasedBefore(tx, Instant.now().minus(config.pollLimit()));
                    })));
        }).replaceWithVoid();
    }

    public Uni<Void> reassign(Principal who, long id, String project, Boolean shared) {
        return get(who, id).chain(ip -> {
            boolean share = shared == null ? ip.sharedToProject() : shared;
            if (project.equals(ip.projectId())) {
                return addresses.reassignFloating(pool, id, project, share);
            }
            return quotas.move("floating IP reassign", ip.userId(), ip.projectId(), project, Quotas.FLOATING_IP)
                    .chain(() -> addresses.reassignFloating(pool, id, project, share));
        });
    }
}
