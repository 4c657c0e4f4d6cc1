package org.nefos.identity.domain;

/**
 * One quota counter (Astakos' holding) and the exact commission arithmetic of identity-api.md 9.6.
 * {@code usageMin <= usageMax}; between issue and resolve the pending amount is their difference.
 */
public record Holding(HoldingKey key, long limit, long usageMin, long usageMax) {

    public long usage() {
        return usageMax;
    }

    public long pending() {
        return usageMax - usageMin;
    }

    /** Issue phase of one provision; a violation names the failing check. */
    public Holding issue(long quantity, boolean force) {
        if (quantity >= 0) {
            if (!force && (usageMax > limit - quantity)) {
                throw new QuotaViolation(QuotaViolation.Kind.NO_CAPACITY, key, quantity, limit, usageMax);
            }
            try {
                return new Holding(key, limit, usageMin, Math.addExact(usageMax, quantity));
            } catch (ArithmeticException overflow) {
                throw new QuotaViolation(QuotaViolation.Kind.NO_CAPACITY, key, quantity, limit, usageMax);
            }
        }
        long release = -quantity;
        if (usageMin - release < 0) {
            throw new QuotaViolation(QuotaViolation.Kind.NO_QUANTITY, key, quantity, 0, usageMin);
        }
        return new Holding(key, limit, usageMin - release, usageMax);
    }

    public Holding accept(long quantity) {
        return quantity >= 0
                ? new Holding(key, limit, usageMin + quantity, usageMax)
                : new Holding(key, limit, usageMin, usageMax + quantity);
    }

    public Holding reject(long quantity) {
        return quantity >= 0
                ? new Holding(key, limit, usageMin, usageMax - quantity)
                : new Holding(key, limit, usageMin - quantity, usageMax);
    }

    public Holding withLimit(long newLimit) {
        return new Holding(key, newLimit, usageMin, usageMax);
    }
}
