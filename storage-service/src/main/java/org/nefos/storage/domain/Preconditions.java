package org.nefos.storage.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/** Pithos' conditional request rules (spec §5.11). Times compare as whole seconds. */
public final class Preconditions {

    private Preconditions() {
    }

    /** True when {@code header} (a comma list, quoted or bare, or {@code *}) matches {@code etag}. */
    public static boolean matches(String header, String etag) {
        for (String raw : header.split(",")) {
            String t = raw.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals("*") || (etag != null && t.toLowerCase(Locale.ROOT).equals(etag.toLowerCase(Locale.ROOT)))) {
                return true;
            }
        }
        return false;
    }

    /** If-Modified-Since / If-Unmodified-Since against a last-modified time (reads: 304 / 412). */
    public static void checkDates(String ifModifiedSince, String ifUnmodifiedSince, Instant lastModified) {
        long modified = lastModified.truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
        Instant ims = HttpDates.parse(ifModifiedSince);
        if (ims != null && modified <= ims.getEpochSecond()) {
            throw new FaultException(Fault.NOT_MODIFIED, "Resource has not been modified");
        }
        Instant ius = HttpDates.parse(ifUnmodifiedSince);
        if (ius != null && modified > ius.getEpochSecond()) {
            throw new FaultException(Fault.PRECONDITION_FAILED, "Resource has been modified");
        }
    }

    /** Object reads: If-Match (412) and If-None-Match (304). {@code etag} null = object missing. */
    public static void checkRead(String ifMatch, String ifNoneMatch, String etag) {
        if (ifMatch != null && (etag == null || !matches(ifMatch, etag))) {
            throw new FaultException(Fault.PRECONDITION_FAILED, "Resource ETag does not match");
        }
        if (ifNoneMatch != null && etag != null && matches(ifNoneMatch, etag)) {
            throw new FaultException(Fault.NOT_MODIFIED, "Resource ETag matches").withHeader("ETag", etag);
        }
    }

    /** Writes: If-Match and If-None-Match both fail with 412. {@code etag} null = object missing. */
    public static void checkWrite(String ifMatch, String ifNoneMatch, String etag) {
        if (ifMatch != null && (etag == null || !matches(ifMatch, etag))) {
            throw new FaultException(Fault.PRECONDITION_FAILED, "Resource ETag does not match");
        }
        if (ifNoneMatch != null && etag != null && matches(ifNoneMatch, etag)) {
            throw new FaultException(Fault.PRECONDITION_FAILED, "Resource exists or ETag matches");
        }
    }
}
