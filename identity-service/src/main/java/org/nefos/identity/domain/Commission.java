package org.nefos.identity.domain;

import java.time.Instant;
import java.util.List;

/** A component's two-phase quota reservation: provisions applied at issue, settled at accept or reject. */
public record Commission(long serial, String component, String name, Instant issueTime, List<Line> lines) {

    /** One provision: {@code quantity} (negative = release) on the holding {@code key}. */
    public record Line(HoldingKey key, long quantity) {
    }
}
