package org.nefos.storage.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.nefos.platform.fault.FaultException;

/** Read and write grants of a path: user uuids, {@code <owner>:<group>} or {@code *}. */
public record Sharing(List<String> readers, List<String> writers) {

    public static final Sharing NONE = new Sharing(List.of(), List.of());

    public boolean isEmpty() {
        return readers.isEmpty() && writers.isEmpty();
    }

    /** Parses {@code X-Object-Sharing} (normalised as Pithos: lower case, deduplicated, {@code *} absorbs). */
    public static Sharing parse(String header) {
        String value = header.replace("~", "").replace(" ", "").replace("\t", "");
        if (value.isEmpty()) {
            return NONE;
        }
        Set<String> read = new LinkedHashSet<>();
        Set<String> write = new LinkedHashSet<>();
        for (String part : value.split(";")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw FaultException.badRequest("Bad X-Object-Sharing header value");
            }
            String kind = part.substring(0, eq).toLowerCase(Locale.ROOT);
            String list = part.substring(eq + 1);
            Set<String> target = switch (kind) {
                case "read" -> read;
                case "write" -> write;
                default -> throw FaultException.badRequest("Bad X-Object-Sharing header value");
            };
            List<String> entries = new ArrayList<>();
            for (String e : list.split(",")) {
                if (!e.isEmpty()) {
                    entries.add(e.toLowerCase(Locale.ROOT));
                }
            }
            if (entries.isEmpty()) {
                throw FaultException.badRequest("Bad X-Object-Sharing header value");
            }
            target.addAll(entries);
        }
        read.removeAll(write);
        return new Sharing(absorb(read), absorb(write));
    }

    private static List<String> absorb(Set<String> entries) {
        return entries.contains("*") ? List.of("*") : List.copyOf(entries);
    }

    /** The reply form {@code read=a,b; write=c}. */
    public String format() {
        List<String> parts = new ArrayList<>(2);
        if (!readers.isEmpty()) {
            parts.add("read=" + String.join(",", readers));
        }
        if (!writers.isEmpty()) {
            parts.add("write=" + String.join(",", writers));
        }
        return String.join("; ", parts);
    }
}
