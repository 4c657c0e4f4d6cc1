package org.nefos.events.identity;

import java.time.Instant;
import java.util.List;

/**
 * A component reserved quota. {@code userId}/{@code projectId} name the first user provision's holder and
 * source (null when the commission only touches project holdings). {@code status} is {@code pending}, or
 * {@code accepted} when it was issued with auto_accept.
 */
public record CommissionIssued(long serial, String component, String name, String userId, String projectId,
        List<Provision> provisions, String status, long sequence, Instant issuedAt) {
}
