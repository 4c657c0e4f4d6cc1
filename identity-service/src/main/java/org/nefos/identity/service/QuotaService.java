package org.nefos.identity.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import org.nefos.identity.repository.HoldingRepository;
import org.nefos.identity.repository.HoldingRepository.QuotaLine;
import org.nefos.platform.fault.FaultException;

/** The quota reports of identity-api.md 4.2-4.4 with the numbers of 9.5. */
@ApplicationScoped
public class QuotaService {

    @Inject
    Pool pool;

    @Inject
    HoldingRepository holdings;

    /** {@code project -> resource -> six numbers} for the calling user. */
    public Uni<Map<String, Map<String, Map<String, Long>>>> quotasOf(UUID user) {
        return holdings.quotasOfMember(pool, user).map(lines -> {
            Map<String, Map<String, Map<String, Long>>> out = new LinkedHashMap<>();
            for (QuotaLine l : lines) {
                out.computeIfAbsent(l.project(), p -> new LinkedHashMap<>()).put(l.resource(), sixNumbers(l));
            }
            return out;
        });
    }

    /** {@code user -> project -> resource -> six numbers} for a component's resources. */
    public Uni<Map<String, Map<String, Map<String, Map<String, Long>>>>> serviceQuotas(String component,
            List<String> users, List<String> projects) {
        return holdings.quotasForComponent(pool, component, users, projects).map(lines -> {
            Map<String, Map<String, Map<String, Map<String, Long>>>> out = new LinkedHashMap<>();
            for (QuotaLine l : lines) {
                out.computeIfAbsent(l.user(), u -> new LinkedHashMap<>())
                        .computeIfAbsent(l.project(), p -> new LinkedHashMap<>())
                        .put(l.resource(), sixNumbers(l));
            }
            if (users != null && out.isEmpty()) {
                throw FaultException.notFound("No quotas for the given users");
            }
            return out;
        });
    }

    /** {@code project -> resource -> three project numbers}. */
    public Uni<Map<String, Map<String, Map<String, Long>>>> serviceProjectQuotas(String component, List<String> projects) {
        return holdings.projectQuotasForComponent(pool, component, projects).map(lines -> {
            Map<String, Map<String, Map<String, Long>>> out = new LinkedHashMap<>();
            for (QuotaLine l : lines) {
                Map<String, Long> n = new LinkedHashMap<>();
                n.put("project_limit", l.projectLimit());
                n.put("project_usage", l.projectUsageMax());
                n.put("project_pending", l.projectUsageMax() - l.projectUsageMin());
                out.computeIfAbsent(l.project(), p -> new LinkedHashMap<>()).put(l.resource(), n);
            }
            if (projects != null && out.isEmpty()) {
                throw FaultException.notFound("No quotas for the given projects");
            }
            return out;
        });
    }

    static Map<String, Long> sixNumbers(QuotaLine l) {
        Map<String, Long> n = new LinkedHashMap<>();
        n.put("limit", l.limit());
        n.put("usage", l.usageMax());
        n.put("pending", l.usageMax() - l.usageMin());
        n.put("project_limit", l.projectLimit());
        n.put("project_usage", l.projectUsageMax());
        n.put("project_pending", l.projectUsageMax() - l.projectUsageMin());
        return n;
    }
}
