package org.nefos.storage.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import org.nefos.platform.quota.Provision;
import org.nefos.platform.quota.QuotaClient;

/** {@code pithos.diskspace} commissions on identity, charged to (container owner, container project). */
@ApplicationScoped
public class QuotaService {

    public static final String RESOURCE = "pithos.diskspace";

    @Inject
    QuotaClient client;

    /** Issues a pending commission for {@code delta} bytes; null when there is nothing to charge. */
    public Uni<Long> issue(String owner, String project, long delta, String reason) {
        if (delta == 0) {
            return Uni.createFrom().nullItem();
        }
        return client.issue("pithos: " + reason, Provision.charge(owner, project, RESOURCE, delta), false, false);
    }

    public Uni<Void> accept(Long serial) {
        return serial == null ? Uni.createFrom().voidItem() : client.accept(serial);
    }

    /** Rejects after a failed write; a failure to reject is logged (identity's reconciliation can resolve it). */
    public Uni<Void> reject(Long serial) {
        if (serial == null) {
            return Uni.createFrom().voidItem();
        }
        return client.reject(serial).onFailure().recoverWithUni(e -> {
            Log.warnf("could not reject commission %d: %s", serial, e.getMessage());
            return Uni.createFrom().voidItem();
        });
    }
}
