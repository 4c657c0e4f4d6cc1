package org.nefos.storage.domain;

import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/**
 * The {@code Content-Range} of a partial data update (spec §4.10): {@code bytes F-L/T}, {@code bytes F-/T}
 * with {@code T} a number or {@code *}, or exactly {@code bytes *}{@code /*} (append). {@code last} and
 * {@code total} are null when not given.
 */
public record ContentRange(long first, Long last, Long total, boolean append) {

    /** Parses the header; anything unparsable, {@code F > L}, {@code F ≥ T} or {@code L ≥ T} is a 416. */
    public static ContentRange parse(String header) {
        String v = header.trim();
        if (!v.startsWith("bytes ")) {
            throw unsatisfiable();
        }
        v = v.substring(6).trim();
        if (v.equals("*/*")) {
            return new ContentRange(0, null, null, true);
        }
        int slash = v.indexOf('/');
        int dash = v.indexOf('-');
        if (slash < 0 || dash < 0 || dash > slash) {
            throw unsatisfiable();
        }
        Long first = number(v.substring(0, dash));
        String lastText = v.substring(dash + 1, slash);
        Long last = lastText.isEmpty() ? null : number(lastText);
        String totalText = v.substring(slash + 1);
        Long total = totalText.equals("*") ? null : number(totalText);
        if (first == null || (!lastText.isEmpty() && last == null) || (!totalText.equals("*") && total == null)) {
            throw unsatisfiable();
        }
        if (last != null && first > last) {
            throw unsatisfiable();
        }
        if (total != null && (first >= total || (last != null && last >= total))) {
            throw unsatisfiable();
        }
        return new ContentRange(first, last, total, false);
    }

    /** The number of bytes the range names, when it names an end. */
    public Long length() {
        return last == null ? null : last - first + 1;
    }

    private static Long number(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(s);
    }

    public static FaultException unsatisfiable() {
        return new FaultException(Fault.RANGE_NOT_SATISFIABLE, "Requested range not satisfiable");
    }
}
