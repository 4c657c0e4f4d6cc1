package org.nefos.platform.json;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.nefos.platform.fault.FaultException;

/**
 * The {@code changes-since} query parameter of Cyclades lists (cyclades-api.md 1.6): ISO 8601 with or without
 * offset (UTC assumed; a '+' decoded to ' ' is restored), not in the future, not older than the poll limit.
 */
public final class ChangesSince {

    private ChangesSince() {
    }

    /** The instant, or null when the parameter is absent; 400 for bad values or windows. */
    public static Instant parse(String value, Duration pollLimit) {
        Instant since = parse(value);
        if (since != null) {
            checkWindow(since, pollLimit);
        }
        return since;
    }

    /** The instant, or null when the parameter is absent; 400 for a value that is not ISO 8601. */
    public static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(v.endsWith("Z") ? v.substring(0, v.length() - 1) : v)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw FaultException.badRequest("Invalid changes-since parameter.");
            }
        }
    }

    /** 400 when {@code since} is in the future or older than the poll limit. */
    public static void checkWindow(Instant since, Duration pollLimit) {
        Instant now = Instant.now();
        if (since.isAfter(now.plusSeconds(1))) {
            throw FaultException.badRequest("changes-since value set in the future.");
        }
        if (since.isBefore(now.minus(pollLimit))) {
            throw FaultException.badRequest("Too old changes-since value.");
        }
    }
}
