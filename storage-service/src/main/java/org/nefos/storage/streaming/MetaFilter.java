package org.nefos.storage.streaming;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.nefos.storage.domain.MetaKeys;

/** One term of the listing {@code meta} parameter: {@code key}, {@code !key} or {@code key<op>value}. */
record MetaFilter(String key, String op, String value) {

    private static final String[] OPS = {"!=", "<=", ">=", "=", "<", ">"};

    static List<MetaFilter> parse(String param) {
        List<MetaFilter> l = new ArrayList<>();
        if (param == null || param.isBlank()) {
            return l;
        }
        for (String term : param.split(",")) {
            String t = term.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("!")) {
                l.add(new MetaFilter(MetaKeys.normalise(t.substring(1)), "absent", null));
                continue;
            }
            MetaFilter f = null;
            for (String op : OPS) {
                int i = t.indexOf(op);
                if (i > 0) {
                    f = new MetaFilter(MetaKeys.normalise(t.substring(0, i)), op, t.substring(i + op.length()));
                    break;
                }
            }
            l.add(f != null ? f : new MetaFilter(MetaKeys.normalise(t), "present", null));
        }
        return l;
    }

    boolean test(Map<String, String> meta) {
        String v = meta.get("X-Object-Meta-" + key);
        return switch (op) {
            case "absent" -> v == null;
            case "present" -> v != null;
            default -> {
                if (v == null) {
                    yield false;
                }
                int c = v.compareTo(value);
                yield switch (op) {
                    case "=" -> c == 0;
                    case "!=" -> c != 0;
                    case "<" -> c < 0;
                    case ">" -> c > 0;
                    case "<=" -> c <= 0;
                    default -> c >= 0;
                };
            }
        };
    }
}
