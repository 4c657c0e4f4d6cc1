package org.nefos.identity.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.nefos.events.EventCatalog;
import org.nefos.events.EventType;
import org.nefos.events.identity.CommissionIssued;
import org.nefos.events.identity.CommissionResolved;
import org.nefos.events.identity.Provision;
import org.nefos.identity.domain.Commission;
import org.nefos.identity.domain.Holding;
import org.nefos.identity.domain.HoldingKey;
import org.nefos.identity.domain.QuotaViolation;
import org.nefos.identity.repository.CommissionRepository;
import org.nefos.identity.repository.HoldingRepository;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.outbox.Outbox;

/**
 * Quota commissions (identity-api.md 5 and 9.6). Every commission runs in one transaction that locks its
 * holdings in a fixed order, so concurrent commissions serialize per holding and never both take the
 * last unit.
 */
@ApplicationScoped
public class CommissionService {

    /** The outcome of a bulk resolve: serials done, and failed ones with their fault. */
    public record Resolution(List<Long> accepted, List<Long> rejected, List<Map.Entry<Long, FaultException>> failed) {
    }

    /** Thrown inside a transaction when a serial is not pending for the component (404 with an empty body). */
    public static class NotPending extends RuntimeException {
        public NotPending(long serial) {
            super("serial " + serial + " does not exist", null, false, false);
        }
    }

    @Inject
    Pool pool;

    @Inject
    HoldingRepository holdings;

    @Inject
    CommissionRepository commissions;

    @Inject
    Outbox outbox;

    public Uni<Long> issue(String component, String name, boolean force, boolean autoAccept, List<Commission.Line> provisions) {
        List<Commission.Line> lines = merge(provisions);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(tx -> holdings.lock(tx, keys(lines)).chain(found -> {
            Map<HoldingKey, Holding> next = new LinkedHashMap<>(found);
            for (Commission.Line line : lines) {
                Holding h = next.get(line.key());
                if (h == null) {
                    return Uni.createFrom().failure(noHolding(line));
                }
                try {
                    Holding issued = h.issue(line.quantity(), force);
                    next.put(line.key(), autoAccept ? issued.accept(line.quantity()) : issued);
                } catch (QuotaViolation v) {
                    return Uni.createFrom().failure(overLimit(v));
                }
            }
            String state = autoAccept ? "accepted" : "pending";
            return holdings.update(tx, next.values())
                    .chain(() -> commissions.insert(tx, component, name, state, now))
                    .call(serial -> commissions.insertProvisions(tx, serial, lines))
                    .call(serial -> {
                        Owner o = owner(lines);
                        return outbox.append(tx, EventCatalog.COMMISSION_ISSUED, serial.toString(),
                                new CommissionIssued(serial, component, name, o.user, o.project, wire(lines), state, 1, now));
                    });
        }));
    }

    public Uni<Commission> pending(String component, long serial) {
        return commissions.findPending(pool, component, serial, false);
    }

    public Uni<List<Long>> pendingSerials(String component) {
        return commissions.pendingSerials(pool, component);
    }

    /** Accepts or rejects one pending commission; fails with {@link NotPending} otherwise. */
    public Uni<Void> resolve(String component, long serial, boolean accept) {
        return pool.withTransaction(tx -> resolveIn(tx, component, serial, accept));
    }

    /** {@code POST /commissions/action}: everything in one transaction; unknown serials and conflicts reported. */
    public Uni<Resolution> resolveAll(String component, List<Long> accept, List<Long> reject) {
        LinkedHashSet<Long> both = new LinkedHashSet<>(accept);
        both.retainAll(new LinkedHashSet<>(reject));
        List<Map.Entry<Long, FaultException>> notFound = new ArrayList<>();
        List<Map.Entry<Long, FaultException>> conflicts = new ArrayList<>();
        for (Long s : both) {
            conflicts.add(Map.entry(s, FaultException.badRequest("cannot both accept and reject serial " + s)));
        }
        List<Long> accepted = new ArrayList<>();
        List<Long> rejected = new ArrayList<>();
        List<Map.Entry<Long, Boolean>> work = new ArrayList<>();
        new LinkedHashSet<>(accept).stream().filter(s -> !both.contains(s)).forEach(s -> work.add(Map.entry(s, true)));
        new LinkedHashSet<>(reject).stream().filter(s -> !both.contains(s)).forEach(s -> work.add(Map.entry(s, false)));
        return pool.withTransaction(tx -> Multi.createFrom().iterable(work)
                .onItem().transformToUniAndConcatenate(w -> resolveIn(tx, component, w.getKey(), w.getValue())
                        .invoke(() -> (w.getValue() ? accepted : rejected).add(w.getKey()))
                        .onFailure(NotPending.class).recoverWithItem(e -> {
                            notFound.add(Map.entry(w.getKey(), FaultException.notFound(e.getMessage())));
                            return null;
                        }))
                .collect().asList())
                .map(ignored -> {
                    List<Map.Entry<Long, FaultException>> failed = new ArrayList<>(notFound);
                    failed.addAll(conflicts);
                    return new Resolution(accepted, rejected, failed);
                });
    }

    private Uni<Void> resolveIn(SqlConnection tx, String component, long serial, boolean accept) {
        return commissions.findPending(tx, component, serial, true).chain(c -> {
            if (c == null) {
                return Uni.createFrom().failure(new NotPending(serial));
            }
            return holdings.lock(tx, keys(c.lines())).chain(found -> {
                Map<HoldingKey, Holding> next = new LinkedHashMap<>(found);
                for (Commission.Line line : c.lines()) {
                    Holding h = next.get(line.key());
                    if (h != null) {
                        next.put(line.key(), accept ? h.accept(line.quantity()) : h.reject(line.quantity()));
                    }
                }
                String state = accept ? "accepted" : "rejected";
                EventType<CommissionResolved> type = accept ? EventCatalog.COMMISSION_ACCEPTED : EventCatalog.COMMISSION_REJECTED;
                Owner o = owner(c.lines());
                return holdings.update(tx, next.values())
                        .chain(() -> commissions.resolve(tx, serial, state))
                        .chain(() -> outbox.append(tx, type, Long.toString(serial),
                                new CommissionResolved(serial, component, c.name(), o.user, o.project, wire(c.lines()),
                                        "pending", state, 2, Instant.now())))
                        .replaceWithVoid();
            });
        });
    }

    /** Provisions on the same holding are summed first (Astakos does the same). */
    public static List<Commission.Line> merge(List<Commission.Line> provisions) {
        Map<HoldingKey, Long> sums = new LinkedHashMap<>();
        for (Commission.Line p : provisions) {
            sums.merge(p.key(), p.quantity(), Math::addExact);
        }
        List<Commission.Line> merged = new ArrayList<>();
        sums.forEach((k, q) -> merged.add(new Commission.Line(k, q)));
        return merged;
    }

    private static List<HoldingKey> keys(List<Commission.Line> lines) {
        return lines.stream().map(Commission.Line::key).sorted().toList();
    }

    private static FaultException noHolding(Commission.Line line) {
        return new FaultException(Fault.ITEM_NOT_FOUND, line.key().holder() + " has no holding of "
                + line.key().resource() + (line.key().source() == null ? "" : " from " + line.key().source()) + ".")
                .withData(Map.of("name", "NoHoldingError", "provision", provision(line.key(), line.quantity())));
    }

    private static FaultException overLimit(QuotaViolation v) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", v.kind().wireName());
        data.put("provision", provision(v.key(), v.quantity()));
        data.put("limit", v.limit());
        data.put("usage", v.usage());
        return new FaultException(Fault.OVER_LIMIT, v.getMessage()).withData(data);
    }

    static Map<String, Object> provision(HoldingKey key, long quantity) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("holder", key.holder());
        p.put("source", key.source());
        p.put("resource", key.resource());
        p.put("quantity", quantity);
        return p;
    }

    private static List<Provision> wire(List<Commission.Line> lines) {
        return lines.stream().map(l -> new Provision(l.key().holder(), l.key().source(), l.key().resource(), l.quantity()))
                .toList();
    }

    private record Owner(String user, String project) {
    }

    private static Owner owner(List<Commission.Line> lines) {
        for (Commission.Line l : lines) {
            if (l.key().holder().startsWith("user:") && l.key().source() != null) {
                return new Owner(l.key().holder().substring(5), l.key().source().substring(8));
            }
        }
        return new Owner(null, null);
    }
}
