package org.nefos.compute.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.compute.client.NetworkClient;
import org.nefos.compute.client.NetworkClient.PortRef;
import org.nefos.compute.domain.FloatingIp;
import org.nefos.compute.domain.Server;
import org.nefos.compute.domain.ServerAction;
import org.nefos.compute.domain.ServerStateMachine;
import org.nefos.compute.repository.ServerPortRepository;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.compute.rest.dto.ServerAddresses;
import org.nefos.compute.rest.dto.ServerNetworkRequest;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.FaultException;

/**
 * The servers' NICs: ports reserved on network-service while a create request is admitted (released again if
 * the create fails), and the view of the ports kept from {@code network.port.events}.
 */
@ApplicationScoped
public class ServerPortService {

    @Inject
    Pool pool;

    @Inject
    NetworkClient network;

    @Inject
    ServerPortRepository ports;

    @Inject
    ServerRepository servers;

    public Uni<Long> reserveServerId() {
        return ports.reserveServerId(pool);
    }

    /** A reserved NIC: {@code attached} when it was the user's existing port (released by detaching it). */
    public record Reserved(PortRef port, boolean attached) {
    }

    /**
     * Reserves the NICs of server {@code serverId} in request order, on behalf of the token's user. On the first
     * failure the NICs already reserved are released and the fault is relayed.
     */
    public Uni<List<Reserved>> reserve(String token, long serverId, List<ServerNetworkRequest> requested) {
        List<Reserved> done = new ArrayList<>();
        if (requested == null || requested.isEmpty()) {
            return Uni.createFrom().item(done);
        }
        return Multi.createFrom().iterable(requested)
                .onItem().transformToUniAndConcatenate(r -> one(token, serverId, r).invoke(done::add))
                .collect().asList()
                .replaceWith(done)
                .onFailure().call(e -> release(token, done));
    }

    private Uni<Reserved> one(String token, long serverId, ServerNetworkRequest r) {
        if (r.portId() != null) {
            return network.attachPort(token, r.portId(), serverId).map(p -> new Reserved(p, true));
        }
        return network.network(token, r.networkId()).chain(n -> {
            if (n == null) {
                throw FaultException.notFound("Network " + r.networkId() + " not found.");
            }
            if (n.deleted()) {
                throw FaultException.badRequest("Network " + r.networkId() + " has been deleted.");
            }
            if (!n.isPublic() || r.fixedIp() != null) {
                return network.createPort(token, n.id(), serverId, r.fixedIp());
            }
            // a public network: one of the user's unused floating IPs on it
            return network.floatingIps(token, null).chain(ips -> {
                FloatingIp free = ips.stream().filter(ip -> n.id().equals(ip.networkId()) && ip.portId() == null)
                        .findFirst().orElse(null);
                if (free != null) {
                    return network.createPort(token, n.id(), serverId, free.address());
                }
                // floating IPs are IPv4: a public network with only an IPv6 subnet is refused outright
                return network.hasIpv4Subnet(token, n).<PortRef>map(v4 -> {
                    if (!v4) {
                        throw FaultException.forbidden("Cannot connect to IPv6 only public network " + n.id());
                    }
                    throw FaultException.conflict("Cannot find an unused floating IP to connect server to network "
                            + n.id() + ".");
                });
            });
        }).map(p -> new Reserved(p, false));
    }

    /** Best effort: new ports are deleted, the user's own ports detached again; failures are only logged. */
    public Uni<Void> release(String token, List<Reserved> reserved) {
        return Multi.createFrom().iterable(List.copyOf(reserved))
                .onItem().transformToUniAndConcatenate(r -> (r.attached()
                        ? network.detachPort(token, r.port().id()) : network.deletePort(token, r.port().id()))
                        .onFailure().recoverWithUni(e -> {
                            Log.warnf("could not release port %s of a failed server create: %s", r.port().id(),
                                    e.getMessage());
                            return Uni.createFrom().voidItem();
                        }))
                .collect().asList().replaceWithVoid();
    }

    /**
     * {@code addFloatingIp} (cyclades-api.md 2.5): one of the caller's unused floating IPs joins the server through
     * a new port on its network; not theirs → 404, in use → 409, CONNECT preconditions as for port create.
     */
    public Uni<Void> addFloatingIp(Principal caller, String token, long serverId, String address) {
        return servers.find(pool, serverId, caller.id(), false).map(ServerService::visible).chain(s -> {
            ServerStateMachine.admit(s, ServerAction.CONNECT);
            return network.floatingIps(token, null).chain(ips -> {
                FloatingIp ip = ips.stream().filter(i -> address.equals(i.address())).findFirst().orElse(null);
                if (ip == null) {
                    throw FaultException.notFound("Floating IP " + address + " not found.");
                }
                if (ip.portId() != null) {
                    throw FaultException.conflict("Floating IP " + address + " is already in use.");
                }
                return network.createPort(token, ip.networkId(), serverId, address).replaceWithVoid();
            });
        });
    }

    /** {@code removeFloatingIp}: the port holding that floating IP on this server is deleted (400 if none). */
    public Uni<Void> removeFloatingIp(Principal caller, String token, long serverId, String address) {
        return servers.find(pool, serverId, caller.id(), false).map(ServerService::visible).chain(s -> {
            ServerStateMachine.admit(s, ServerAction.CONNECT);
            return network.floatingIps(token, null).chain(ips -> {
                FloatingIp ip = ips.stream().filter(i -> address.equals(i.address()) && i.portId() != null
                        && String.valueOf(serverId).equals(i.instanceId())).findFirst().orElse(null);
                if (ip == null) {
                    throw FaultException.badRequest("Floating IP " + address + " is not attached to server "
                            + serverId + ".");
                }
                return network.deletePort(token, ip.portId());
            });
        });
    }

    public Uni<ServerAddresses> addresses(Server s) {
        return ports.ofServers(pool, List.of(s.id()))
                .map(m -> ServerAddresses.of(m.getOrDefault(s.id(), List.of())));
    }

    /** {@code /ips/{network}}: the network must be visible to the caller (404), then its entries or nothing. */
    public Uni<Map<String, Object>> ofNetwork(String token, Server s, String networkId) {
        if (!networkId.matches("\\d{1,18}")) {
            return Uni.createFrom().failure(FaultException.notFound("Network " + networkId + " not found."));
        }
        return network.network(token, networkId).chain(n -> {
            if (n == null) {
                throw FaultException.notFound("Network " + networkId + " not found.");
            }
            return addresses(s).map(a -> a.ofNetwork(networkId));
        });
    }

    public Uni<Map<Long, ServerAddresses>> addresses(List<Server> servers) {
        return ports.ofServers(pool, servers.stream().map(Server::id).toList())
                .map(m -> m.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> ServerAddresses.of(e.getValue()))));
    }
}
