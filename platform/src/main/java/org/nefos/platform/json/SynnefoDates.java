package org.nefos.platform.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Synnefo's date-times: ISO 8601 with an explicit {@code +00:00} offset and microseconds only when
 * they are non-zero (Python's {@code isoformat}), e.g. {@code 2018-05-11T09:12:44.120934+00:00}.
 */
public final class SynnefoDates {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private SynnefoDates() {
    }

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        OffsetDateTime t = instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return (t.getNano() == 0 ? SECONDS : MICROS).format(t);
    }

    public static String format(OffsetDateTime time) {
        return time == null ? null : format(time.toInstant());
    }
}
