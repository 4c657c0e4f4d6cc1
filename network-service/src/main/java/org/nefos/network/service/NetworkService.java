package org.nefos.network.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.network.config.NetworkConfig;
import org.nefos.network.domain.Network;
import org.nefos.network.repository.NetworkRepository;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.quota.Provision;

/** Networks (cyclades-api.md 4.2): create charges {@code cyclades.network.private}, delete releases it. */
@ApplicationScoped
public class NetworkService {

    @Inject
    Pool pool;

    @Inject
    NetworkRepository networks;

    @Inject
    Quotas quotas;

    @Inject
    NetworkConfig config;

    public Uni<List<Network>> list(Principal who) {
        return networks.listVisible(pool, who.id(), who.projects());
    }

    /** {@code changes-since}: everything changed since, deleted networks too; 304 when nothing changed. */
    public Uni<List<Network>> changedSince(Principal who, java.time.Instant since) {
        return networks.listChanged(pool, who.id(), who.projects(), since).invoke(l -> {
            if (l.isEmpty()) {
                throw new FaultException(org.nefos.platform.fault.Fault.NOT_MODIFIED, "No changes since " + since);
            }
        });
    }

    public Uni<Network> get(Principal who, long id) {
        return networks.findVisible(pool, who.id(), who.projects(), id).map(n -> {
            if (n == null) {
                throw FaultException.notFound("Network " + id + " not found");
            }
            return n;
        });
    }

    public Uni<Network> create(Principal who, String type, String name, String project, boolean shared) {
        if (!Network.TYPES.contains(type)) {
            throw FaultException.badRequest("Invalid network type");
        }
        if (!config.enabledTypes().contains(type)) {
            throw FaultException.forbidden("Can not create network of type " + type);
        }
        String charged = project == null ? who.defaultProject() : project;
        return quotas.charged("network create", Provision.charge(who.id(), charged, Quotas.NETWORK, 1), false,
                () -> pool.withTransaction(tx -> networks.insert(tx, name, who.id(), charged, shared, type)
                        .chain(id -> networks.lock(tx, id))));
    }

    public Uni<Network> rename(Principal who, long id, String name) {
        return owned(who, id).chain(n -> networks.rename(pool, id, name)).chain(() -> get(who, id));
    }

    public Uni<Void> delete(Principal who, long id) {
        return owned(who, id).chain(n -> quotas.charged("network delete",
                Provision.charge(n.userId(), n.projectId(), Quotas.NETWORK, -1), true,
                () -> pool.withTransaction(tx -> networks.lock(tx, id)
                        .chain(locked -> {
                            if (locked.deleted()) {
                                throw FaultException.badRequest("Network has been deleted.");
                            }
                            return networks.countPorts(tx, id);
                        })
                        .chain(ports -> {
                            if (ports > 0) {
                                throw FaultException.conflict(
                                        "Cannot delete network. There are ports still configured on network network " + id);
                            }
                            return networks.countFloatingIps(tx, id);
                        })
                        .chain(ips -> {
                            if (ips > 0) {
                                throw FaultException.conflict(
                                        "Cannot delete network. There are floating IPs allocated on network " + id);
                            }
                            return networks.markDeleted(tx, id);
                        }))));
    }

    public Uni<Void> reassign(Principal who, long id, String project, Boolean shared) {
        return owned(who, id).chain(n -> {
            boolean share = shared == null ? n.sharedToProject() : shared;
            if (project.equals(n.projectId())) {
                return networks.reassign(pool, id, project, share);
            }
            return quotas.move("network reassign", n.userId(), n.projectId(), project, Quotas.NETWORK)
                    .chain(() -> networks.reassign(pool, id, project, share));
        });
    }

    /** The caller's own, live network: public → 403, someone else's → 403/404, deleted → 400. */
    Uni<Network> owned(Principal who, long id) {
        return get(who, id).map(n -> {
            if (n.isPublic()) {
                throw FaultException.forbidden("Can not modify a public network.");
            }
            if (!who.id().equals(n.userId())) {
                throw FaultException.forbidden("Network " + id + " is not yours");
            }
            if (n.deleted()) {
                throw FaultException.badRequest("Network has been deleted.");
            }
            return n;
        });
    }
}
