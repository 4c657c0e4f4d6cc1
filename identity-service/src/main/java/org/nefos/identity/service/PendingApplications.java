package org.nefos.identity.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.identity.domain.Holding;
import org.nefos.identity.domain.HoldingKey;
import org.nefos.identity.domain.QuotaViolation;
import org.nefos.identity.repository.HoldingRepository;
import org.nefos.platform.fault.FaultException;

/**
 * Astakos' own resource {@code astakos.pending_app} (identity-api.md 9.7): each submitted application
 * charges its applicant one unit on their system project; approving, denying, cancelling or replacing it
 * gives the unit back.
 */
@ApplicationScoped
public class PendingApplications {

    static final String RESOURCE = "astakos.pending_app";

    @Inject
    HoldingRepository holdings;

    /** Charges one pending application; 409 when the applicant has too many (admins are never refused). */
    public Uni<Void> charge(SqlConnection tx, UUID applicant, boolean force) {
        return apply(tx, applicant, 1, force).onFailure(QuotaViolation.class).transform(e ->
                FaultException.conflict("Too many pending project applications"));
    }

    /** Gives one unit back; never below zero. */
    public Uni<Void> release(SqlConnection tx, UUID applicant) {
        return apply(tx, applicant, -1, true).onFailure(QuotaViolation.class).recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> apply(SqlConnection tx, UUID applicant, long quantity, boolean force) {
        String id = applicant.toString();
        List<HoldingKey> keys = List.of(HoldingKey.member(id, id, RESOURCE), HoldingKey.project(id, RESOURCE));
        return holdings.lock(tx, keys).chain(found -> {
            List<Holding> next = new ArrayList<>();
            for (HoldingKey k : keys) {
                Holding h = found.get(k);
                if (h != null) {
                    next.add(h.issue(quantity, force).accept(quantity));
                }
            }
            return holdings.update(tx, next);
        });
    }
}
