package org.nefos.compute.client;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import org.nefos.compute.domain.FloatingIp;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/**
 * The deployment without network-service: there is no public floating-IP pool, so nobody holds a floating IP
 * and allocation answers what Cyclades answers when no pool has a free address (409). The network issue
 * replaces this bean with a REST client of network-service.
 */
@ApplicationScoped
@DefaultBean
public class NoNetworkServiceClient implements NetworkClient {

    @Override
    public Uni<List<FloatingIp>> floatingIps(Principal caller, Instant since) {
        return Uni.createFrom().item(List.of());
    }

    @Override
    public Uni<FloatingIp> allocateFloatingIp(Principal caller) {
        return Uni.createFrom().failure(new FaultException(Fault.CONFLICT, "Cannot allocate a floating IP address."));
    }

    @Override
    public Uni<FloatingIp> floatingIp(Principal caller, String id) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Void> releaseFloatingIp(Principal caller, String id) {
        return Uni.createFrom().failure(FaultException.notFound("Floating IP " + id + " not found."));
    }
}
