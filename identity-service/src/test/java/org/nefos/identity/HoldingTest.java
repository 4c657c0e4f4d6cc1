package org.nefos.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nefos.identity.domain.Holding;
import org.nefos.identity.domain.HoldingKey;
import org.nefos.identity.domain.QuotaViolation;

/** The commission arithmetic of identity-api.md 9.6, without a database. */
class HoldingTest {

    static final HoldingKey KEY = HoldingKey.member("u", "p", "cyclades.vm");

    @Test
    void chargeRaisesTheUpperBoundAndAcceptTheLower() {
        Holding h = new Holding(KEY, 2, 1, 1).issue(1, false);
        assertEquals(1, h.usageMin());
        assertEquals(2, h.usageMax());
        assertEquals(1, h.pending());
        Holding accepted = h.accept(1);
        assertEquals(2, accepted.usage());
        assertEquals(0, accepted.pending());
        Holding rejected = h.reject(1);
        assertEquals(1, rejected.usage());
        assertEquals(0, rejected.pending());
    }

    @Test
    void releaseLowersTheLowerBoundFirst() {
        Holding h = new Holding(KEY, 2, 3, 3).issue(-3, false);
        assertEquals(0, h.usageMin());
        assertEquals(3, h.usageMax());
        assertEquals(0, h.accept(-3).usage());
        assertEquals(3, h.reject(-3).usage());
        assertEquals(0, h.reject(-3).pending());
    }

    @Test
    void limitsAreEnforcedUnlessForcedAndReleasesNeverGoBelowZero() {
        QuotaViolation over = assertThrows(QuotaViolation.class, () -> new Holding(KEY, 2, 2, 2).issue(1, false));
        assertEquals(QuotaViolation.Kind.NO_CAPACITY, over.kind());
        assertEquals(2, over.limit());
        assertEquals(2, over.usage());
        assertEquals(3, new Holding(KEY, 2, 2, 2).issue(1, true).usageMax());
        QuotaViolation under = assertThrows(QuotaViolation.class, () -> new Holding(KEY, 2, 0, 0).issue(-1, true));
        assertEquals(QuotaViolation.Kind.NO_QUANTITY, under.kind());
        assertEquals(0, under.limit());
        assertEquals("user:u has not enough quantity of cyclades.vm.", under.getMessage());
    }

    @Test
    void infiniteLimitsDoNotOverflow() {
        Holding h = new Holding(KEY, Long.MAX_VALUE, 0, Long.MAX_VALUE - 1);
        assertEquals(Long.MAX_VALUE, h.issue(1, false).usageMax());
        assertThrows(QuotaViolation.class, () -> h.issue(5, false));
        assertThrows(QuotaViolation.class, () -> h.issue(5, true));
    }

    @Test
    void keysOrderDeterministically() {
        HoldingKey a = HoldingKey.project("p", "cyclades.vm");
        HoldingKey b = HoldingKey.member("u", "p", "cyclades.vm");
        assertEquals(-1, Integer.signum(a.compareTo(b)));
        assertEquals("", a.storedSource());
        assertEquals(a, HoldingKey.fromStored(a.holder(), "", a.resource()));
    }
}
