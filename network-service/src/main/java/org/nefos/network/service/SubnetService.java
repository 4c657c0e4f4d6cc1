package org.nefos.network.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.network.domain.Cidr;
import org.nefos.network.domain.Ipv4;
import org.nefos.network.domain.Subnet;
import org.nefos.network.repository.NetworkRepository;
import org.nefos.network.repository.SubnetRepository;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.FaultException;

/** Subnets (cyclades-api.md 4.3). */
@ApplicationScoped
public class SubnetService {

    /** What the request asked for, already type-checked. {@code gatewayGiven} tells absent from null. */
    public record NewSubnet(long networkId, String cidr, int ipVersion, String name, boolean gatewayGiven,
            String gateway, boolean enableDhcp, List<String[]> pools, String dns, String routes) {
    }

    @Inject
    Pool pool;

    @Inject
    SubnetRepository subnets;

    @Inject
    NetworkRepository networks;

    public Uni<List<Subnet>> list(Principal who) {
        return subnets.listVisible(pool, who.id(), who.projects());
    }

    /** {@code changes-since}: subnets changed since; 304 when nothing changed. */
    public Uni<List<Subnet>> changedSince(Principal who, java.time.Instant since) {
        return subnets.listChanged(pool, who.id(), who.projects(), since).invoke(l -> {
            if (l.isEmpty()) {
                throw new FaultException(org.nefos.platform.fault.Fault.NOT_MODIFIED, "No changes since " + since);
            }
        });
    }

    public Uni<Subnet> get(Principal who, long id) {
        return subnets.findVisible(pool, who.id(), who.projects(), id).map(s -> {
            if (s == null) {
                throw FaultException.notFound("Subnet " + id + " not found");
            }
            return s;
        });
    }

    public Uni<Subnet> rename(Principal who, long id, String name) {
        return get(who, id).chain(s -> {
            if (!who.id().equals(s.userId())) {
                throw FaultException.forbidden("Subnet " + id + " is not yours");
            }
            return subnets.rename(pool, id, name);
        }).chain(() -> get(who, id));
    }

    public Uni<Subnet> create(Principal who, NewSubnet req) {
        Cidr cidr = Cidr.parse(req.cidr(), req.ipVersion());
        String gateway;
        List<long[]> pools = new ArrayList<>();
        if (cidr.version() == 4) {
            long gw = -1;
            if (!req.gatewayGiven()) {
                gw = cidr.firstHost();
            } else if (req.gateway() != null) {
                gw = Ipv4.parse(req.gateway());
                if (gw < 0 || !cidr.containsHost(gw)) {
                    throw FaultException.badRequest("Gateway IP '" + req.gateway() + "' is not in subnet " + cidr.text());
                }
            }
            gateway = gw < 0 ? null : Ipv4.format(gw);
            pools = req.pools() == null ? defaultPools(cidr, gw) : checkPools(cidr, gw, req.pools());
        } else {
            if (req.pools() != null && !req.pools().isEmpty()) {
                throw FaultException.conflict("Can not allocate IPs in an IPv6 subnet");
            }
            if (!req.gatewayGiven() || req.gateway() == null) {
                gateway = null;
            } else if (cidr.containsV6(req.gateway())) {
                gateway = req.gateway().toLowerCase();
            } else {
                throw FaultException.badRequest("Gateway IP '" + req.gateway() + "' is not in subnet " + cidr.text());
            }
        }
        List<long[]> finalPools = pools;
        return pool.withTransaction(tx -> networks.findVisible(tx, who.id(), who.projects(), req.networkId())
                .chain(n -> {
                    if (n == null) {
                        throw FaultException.notFound("Network " + req.networkId() + " not found");
                    }
                    if (n.deleted()) {
                        throw FaultException.badRequest("Network has been deleted");
                    }
                    if (!who.id().equals(n.userId())) {
                        throw FaultException.forbidden("Network " + n.id() + " is not yours");
                    }
                    return networks.lock(tx, n.id());
                })
                .chain(n -> networks.countPorts(tx, n.id()))
                .chain(ports -> {
                    if (ports > 0) {
                        throw FaultException.badRequest("Can not add a subnet to a network in use");
                    }
                    return subnets.insert(tx, req.networkId(), req.name(), cidr.version(), cidr.text(), gateway,
                            req.enableDhcp(), req.dns(), req.routes(), finalPools);
                })
                .map(id -> {
                    if (id == null) {
                        throw FaultException.badRequest("Only one subnet of IPv" + cidr.version() + " per network");
                    }
                    return id;
                }))
                .chain(id -> get(who, id));
    }

    /** The whole host range minus the gateway, split around it. */
    static List<long[]> defaultPools(Cidr cidr, long gateway) {
        List<long[]> out = new ArrayList<>();
        long first = cidr.firstHost();
        long last = cidr.lastHost();
        if (gateway < first || gateway > last) {
            out.add(new long[] {first, last});
            return out;
        }
        if (gateway > first) {
            out.add(new long[] {first, gateway - 1});
        }
        if (gateway < last) {
            out.add(new long[] {gateway + 1, last});
        }
        return out;
    }

    static List<long[]> checkPools(Cidr cidr, long gateway, List<String[]> given) {
        List<long[]> out = new ArrayList<>();
        for (String[] p : given) {
            long start = Ipv4.parse(p[0]);
            long end = Ipv4.parse(p[1]);
            if (start < 0 || end < 0 || start > end) {
                throw FaultException.badRequest("Malformed allocation pool " + p[0] + "-" + p[1]);
            }
            if (!cidr.containsHost(start) || !cidr.containsHost(end)) {
                throw FaultException.conflict("Allocation pool " + p[0] + "-" + p[1] + " is not inside " + cidr.text());
            }
            if (gateway >= start && gateway <= end) {
                throw FaultException.conflict("Allocation pool " + p[0] + "-" + p[1] + " contains the gateway");
            }
            out.add(new long[] {start, end});
        }
        out.sort(Comparator.comparingLong(a -> a[0]));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i)[0] <= out.get(i - 1)[1]) {
                throw FaultException.conflict("Allocation pools overlap");
            }
        }
        return out;
    }
}
