package org.nefos.compute.service;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.client.NetworkClient;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.FloatingIp;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.ChangesSince;

/** {@code os-floating-ips} (C47–C50): compute's view of network-service's floating IPs. */
@ApplicationScoped
public class FloatingIpService {

    @Inject
    NetworkClient network;

    @Inject
    ComputeConfig config;

    /** The caller's token, forwarded to network-service (read while the request is current). */
    @Inject
    AuthContext auth;

    /** Like every {@code changes-since} list: 400 for bad windows, 304 when nothing changed. */
    public Uni<List<FloatingIp>> list(Principal caller, Instant since) {
        if (since != null) {
            ChangesSince.checkWindow(since, config.pollLimit());
        }
        return network.floatingIps(auth.token(), since).invoke(list -> {
            if (since != null && list.isEmpty()) {
                throw new FaultException(Fault.NOT_MODIFIED, "No changes since " + since);
            }
        });
    }

    public Uni<FloatingIp> allocate(Principal caller) {
        return network.allocateFloatingIp(auth.token());
    }

    public Uni<FloatingIp> get(Principal caller, String id) {
        return network.floatingIp(auth.token(), id).map(ip -> {
            if (ip == null) {
                throw FaultException.notFound("Floating IP " + id + " not found.");
            }
            return ip;
        });
    }

    public Uni<Void> release(Principal caller, String id) {
        return network.releaseFloatingIp(auth.token(), id);
    }
}
