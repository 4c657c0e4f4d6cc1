package org.nefos.network.service;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.nefos.platform.quota.Provision;
import org.nefos.platform.quota.QuotaClient;

/**
 * Issue-then-accept commissions around a transaction (cyclades-api.md 7.2): the commission is issued
 * first (413 before anything is written), accepted once the transaction committed, rejected when it failed.
 */
@ApplicationScoped
public class Quotas {

    public static final String NETWORK = "cyclades.network.private";
    public static final String FLOATING_IP = "cyclades.floating_ip";

    @Inject
    QuotaClient quota;

    public <T> Uni<T> charged(String name, List<Provision> provisions, boolean force, Supplier<Uni<T>> work) {
        return quota.issue(name, provisions, force, false).chain(serial -> work.get()
                .onFailure().call(e -> quota.reject(serial).onFailure().invoke(r ->
                        Log.warnf("commission %d not rejected: %s", serial, r.toString())).onFailure().recoverWithNull())
                .call(() -> quota.accept(serial).onFailure().invoke(r ->
                        Log.warnf("commission %d not accepted: %s", serial, r.toString())).onFailure().recoverWithNull()));
    }

    /** A move between projects, accepted at once (reassign). */
    public Uni<Void> move(String name, String userId, String from, String to, String resource) {
        List<Provision> p = new java.util.ArrayList<>(Provision.charge(userId, from, resource, -1));
        p.addAll(Provision.charge(userId, to, resource, 1));
        return quota.issue(name, p, false, true).replaceWithVoid();
    }
}
