package org.nefos.gateway.events;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.nefos.platform.fault.FaultException;

/**
 * The {@code types} parameter: a comma-separated list of event types or type prefixes. An entry matches
 * a type equal to it or starting with it followed by a dot, so {@code org.nefos.compute.server} selects
 * every server event and {@code org.nefos.compute.server.create.completed.v1} exactly one; a trailing
 * {@code .*} is the same as no suffix. No parameter (or an empty one) selects every type.
 */
public final class TypeFilter {

    private static final Pattern ENTRY = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
    private static final int MAX_ENTRIES = 50;

    private final List<String> entries;

    private TypeFilter(List<String> entries) {
        this.entries = entries;
    }

    public static final TypeFilter ALL = new TypeFilter(List.of());

    /** Parses the parameter; a malformed entry is a 400 badRequest fault. */
    public static TypeFilter parse(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return ALL;
        }
        List<String> entries = new ArrayList<>();
        for (String raw : parameter.split(",", -1)) {
            String entry = raw.trim();
            if (entry.endsWith(".*")) {
                entry = entry.substring(0, entry.length() - 2);
            }
            if (!ENTRY.matcher(entry).matches()) {
                throw FaultException.badRequest("Invalid event type in types: '" + raw.trim()
                        + "' (expected dot-separated lower-case names, e.g. org.nefos.compute.server)");
            }
            entries.add(entry);
        }
        if (entries.size() > MAX_ENTRIES) {
            throw FaultException.badRequest("At most " + MAX_ENTRIES + " entries in types");
        }
        return new TypeFilter(List.copyOf(entries));
    }

    public boolean matches(String type) {
        if (entries.isEmpty()) {
            return true;
        }
        for (String entry : entries) {
            if (type.equals(entry) || (type.startsWith(entry) && type.charAt(entry.length()) == '.')) {
                return true;
            }
        }
        return false;
    }
}
