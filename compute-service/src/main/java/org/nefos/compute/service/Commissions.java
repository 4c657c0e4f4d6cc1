package org.nefos.compute.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.nefos.compute.repository.ServerRepository;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.quota.Provision;
import org.nefos.platform.quota.QuotaClient;

/**
 * The server's link to identity's commissions. The decision (accept or reject) is stored with the state
 * change; {@link #settle} sends it afterwards and forgets the serial, and the reconciler retries it.
 */
@ApplicationScoped
public class Commissions {

    @Inject
    Pool pool;

    @Inject
    QuotaClient quota;

    @Inject
    ServerRepository servers;

    /** Issues a pending commission; 413 when it does not fit. */
    public Uni<Long> issue(String name, List<Provision> provisions, boolean force) {
        return quota.issue(name, provisions, force, false);
    }

    /** Issues and accepts at once (reassign). */
    public Uni<Long> issueAccepted(String name, List<Provision> provisions) {
        return quota.issue(name, provisions, false, true);
    }

    /** Best effort: a commission whose request failed before it was recorded. */
    public Uni<Void> rejectQuietly(long serial) {
        return quota.reject(serial).onFailure().recoverWithNull()
                .invoke(() -> Log.debugf("commission %d rejected", serial)).replaceWithVoid();
    }

    /** Sends the recorded decision of server {@code serverId}, if any; never fails. */
    public Uni<Void> settle(long serverId) {
        return pool.preparedQuery("SELECT commission_serial, commission_outcome FROM server WHERE id = $1")
                .execute(Tuple.of(serverId))
                .chain(rs -> {
                    if (!rs.iterator().hasNext()) {
                        return Uni.createFrom().voidItem();
                    }
                    var row = rs.iterator().next();
                    Long serial = row.getLong("commission_serial");
                    Boolean accept = row.getBoolean("commission_outcome");
                    if (serial == null || accept == null) {
                        return Uni.createFrom().voidItem();
                    }
                    return resolve(serial, accept).chain(() -> servers.clearCommission(pool, serverId, serial));
                })
                .onFailure().invoke(e -> Log.warnf("commission of server %d not settled yet: %s", serverId, e.toString()))
                .onFailure().recoverWithNull();
    }

    /** Accept or reject; a commission identity no longer holds as pending counts as resolved. */
    public Uni<Void> resolve(long serial, boolean accept) {
        return (accept ? quota.accept(serial) : quota.reject(serial))
                .onFailure(e -> e instanceof FaultException f && f.fault() == Fault.ITEM_NOT_FOUND).recoverWithNull();
    }
}
