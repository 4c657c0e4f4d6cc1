package org.nefos.gateway.occi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The lexical rules of the OCCI text renderings (GFD.185 §3.4, GFD.229): splitting, quoting, values. */
final class Text {

    static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*");
    static final Pattern TERM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

    private Text() {
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** A value as an attribute renders it: strings quoted, numbers and booleans bare. */
    static String value(Object v) {
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        return '"' + escape(String.valueOf(v)) + '"';
    }

    /** Splits a header value at the commas that are outside quotes and angle brackets. */
    static List<String> splitList(String value) {
        return split(value, ',');
    }

    /** Splits at {@code sep} outside quotes and {@code <...>}; pieces trimmed, empty ones dropped. */
    static List<String> split(String value, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false, angled = false, escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                cur.append(c);
                escaped = false;
                continue;
            }
            if (quoted && c == '\\') {
                cur.append(c);
                escaped = true;
                continue;
            }
            if (c == '"' && !angled) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                angled = true;
            } else if (!quoted && c == '>') {
                angled = false;
            } else if (c == sep && !quoted && !angled) {
                add(out, cur);
                continue;
            }
            cur.append(c);
        }
        if (quoted) {
            throw new OcciException(400, "Unbalanced quotes in: " + value);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String piece = cur.toString().trim();
        if (!piece.isEmpty()) {
            out.add(piece);
        }
        cur.setLength(0);
    }

    /** A quoted string (escapes undone) or a bare token. */
    static String unquote(String raw) {
        String v = raw.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            StringBuilder s = new StringBuilder();
            for (int i = 1; i < v.length() - 1; i++) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() - 1) {
                    c = v.charAt(++i);
                }
                s.append(c);
            }
            return s.toString();
        }
        if (v.startsWith("\"")) {
            throw new OcciException(400, "Unterminated quoted string: " + raw);
        }
        return v;
    }

    /** An attribute value: quoted string, bare number, or bare boolean. */
    static Object attributeValue(String name, String raw) {
        String v = raw.trim();
        if (v.startsWith("\"")) {
            return unquote(v);
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        if (NUMBER.matcher(v).matches()) {
            return v.contains(".") || v.contains("e") || v.contains("E") ? (Object) Double.valueOf(v)
                    : (Object) Long.valueOf(v);
        }
        throw new OcciException(400, "Attribute " + name + ": a string value must be quoted");
    }

    /** {@code key=value} parameters after the first {@code ;}-separated piece. */
    static Map<String, String> params(List<String> pieces, String what) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : pieces.subList(1, pieces.size())) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new OcciException(400, "Malformed " + what + " parameter: " + p);
            }
            params.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return params;
    }
}
