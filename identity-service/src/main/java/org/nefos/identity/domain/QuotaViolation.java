package org.nefos.identity.domain;

/** A provision that does not fit: Astakos' NoCapacityError (charge above limit) or NoQuantityError (release below 0). */
public class QuotaViolation extends RuntimeException {

    public enum Kind {
        NO_CAPACITY("NoCapacityError"), NO_QUANTITY("NoQuantityError");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final Kind kind;
    private final HoldingKey key;
    private final long quantity;
    private final long limit;
    private final long usage;

    public QuotaViolation(Kind kind, HoldingKey key, long quantity, long limit, long usage) {
        super(key.holder() + " has not enough " + (kind == Kind.NO_CAPACITY ? "capacity" : "quantity") + " of "
                + key.resource() + ".", null, false, false);
        this.kind = kind;
        this.key = key;
        this.quantity = quantity;
        this.limit = limit;
        this.usage = usage;
    }

    public Kind kind() {
        return kind;
    }

    public HoldingKey key() {
        return key;
    }

    public long quantity() {
        return quantity;
    }

    public long limit() {
        return limit;
    }

    public long usage() {
        return usage;
    }
}
