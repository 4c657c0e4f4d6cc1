package org.nefos.storage.domain;

import java.util.ArrayList;
import java.util.List;

import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/** One satisfiable byte range {@code [first, first+length)} of an object. */
public record ByteRange(long first, long length) {

    public long last() {
        return first + length - 1;
    }

    /**
     * Parses a {@code Range} header against an object of {@code size} bytes: {@code null} when the header
     * is absent or not a {@code bytes=} range set (serve the whole object); 416 when any range does not lie
     * fully inside the object (no clamping, as Pithos).
     */
    public static List<ByteRange> parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String value = header.replace(" ", "");
        if (!value.startsWith("bytes=")) {
            return null;
        }
        List<ByteRange> ranges = new ArrayList<>();
        for (String spec : value.substring(6).split(",", -1)) {
            int dash = spec.indexOf('-');
            if (dash < 0 || spec.indexOf('-', dash + 1) >= 0) {
                return null;
            }
            String a = spec.substring(0, dash);
            String b = spec.substring(dash + 1);
            try {
                long first;
                long length;
                if (a.isEmpty()) {
                    if (b.isEmpty()) {
                        return null;
                    }
                    long suffix = Long.parseLong(b);
                    first = size - suffix;
                    length = suffix;
                } else {
                    first = Long.parseLong(a);
                    length = b.isEmpty() ? size - first : Long.parseLong(b) - first + 1;
                }
                if (first < 0 || first >= size || length <= 0 || first + length > size) {
                    throw new FaultException(Fault.RANGE_NOT_SATISFIABLE, "Requested range not satisfiable");
                }
                ranges.add(new ByteRange(first, length));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ranges;
    }
}
