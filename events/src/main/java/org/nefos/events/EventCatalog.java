package org.nefos.events;

import java.util.List;
import java.util.Optional;

import org.nefos.events.identity.BaseQuotaUpdated;
import org.nefos.events.identity.CommissionIssued;
import org.nefos.events.identity.CommissionResolved;
import org.nefos.events.identity.UserCreated;
import org.nefos.events.identity.UserUpdated;

/** Every event type Nefos publishes. docs/events.md describes the same list for outside consumers. */
public final class EventCatalog {

    public static final EventType<UserCreated> USER_CREATED =
            new EventType<>("org.nefos.identity.user.created.v1", Topics.IDENTITY_USER_EVENTS, UserCreated.class);
    public static final EventType<UserUpdated> USER_UPDATED =
            new EventType<>("org.nefos.identity.user.updated.v1", Topics.IDENTITY_USER_EVENTS, UserUpdated.class);
    public static final EventType<BaseQuotaUpdated> BASE_QUOTA_UPDATED =
            new EventType<>("org.nefos.identity.quota.updated.v1", Topics.IDENTITY_USER_EVENTS, BaseQuotaUpdated.class);
    public static final EventType<CommissionIssued> COMMISSION_ISSUED =
            new EventType<>("org.nefos.identity.commission.issued.v1", Topics.IDENTITY_COMMISSION_EVENTS,
                    CommissionIssued.class);
    public static final EventType<CommissionResolved> COMMISSION_ACCEPTED =
            new EventType<>("org.nefos.identity.commission.accepted.v1", Topics.IDENTITY_COMMISSION_EVENTS,
                    CommissionResolved.class);
    public static final EventType<CommissionResolved> COMMISSION_REJECTED =
            new EventType<>("org.nefos.identity.commission.rejected.v1", Topics.IDENTITY_COMMISSION_EVENTS,
                    CommissionResolved.class);

    public static final List<EventType<?>> ALL = List.of(
            USER_CREATED, USER_UPDATED, BASE_QUOTA_UPDATED, COMMISSION_ISSUED, COMMISSION_ACCEPTED,
            COMMISSION_REJECTED);

    private EventCatalog() {
    }

    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
