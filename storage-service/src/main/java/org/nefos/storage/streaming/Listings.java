package org.nefos.storage.streaming;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Listing bodies in Pithos' text, JSON and XML forms (spec §3.6). */
public final class Listings {

    public static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).optionalEnd()
            .appendLiteral("+00:00").toFormatter().withZone(ZoneOffset.UTC);

    private Listings() {
    }

    /** ISO 8601 with {@code +00:00}, microseconds when non-zero. */
    public static String iso(Instant t) {
        if (t == null) {
            return null;
        }
        String s = ISO.format(t);
        return s;
    }

    /** Seconds since the epoch with 6 decimals ({@code "1322813441.565891"}). */
    public static String decimal(Instant t) {
        long micros = t.getNano() / 1000;
        return t.getEpochSecond() + "." + String.format("%06d", micros);
    }

    public static String text(List<String> names) {
        StringBuilder b = new StringBuilder();
        names.forEach(n -> b.append(n).append('\n'));
        return b.toString();
    }

    public static String json(List<Map<String, Object>> entries) {
        JsonArray a = new JsonArray();
        entries.forEach(e -> a.add(new JsonObject(e)));
        return a.encode();
    }

    /** {@code <root name="..">} with one {@code <element>} per entry; {@code subdir} entries as empty elements. */
    public static String xml(String root, String rootName, String element, List<Map<String, Object>> entries) {
        StringBuilder b = new StringBuilder(XML_DECLARATION);
        b.append('<').append(root);
        if (rootName != null) {
            b.append(" name=\"").append(escape(rootName)).append('"');
        }
        b.append(">\n");
        for (Map<String, Object> e : entries) {
            if (e.containsKey("subdir")) {
                b.append("<subdir name=\"").append(escape(String.valueOf(e.get("subdir")))).append("\"/>\n");
                continue;
            }
            b.append('<').append(element).append('>');
            e.forEach((k, v) -> {
                b.append('<').append(k).append('>');
                if (v instanceof Map<?, ?> m) {
                    m.forEach((mk, mv) -> b.append("<key>").append(escape(String.valueOf(mk))).append("</key><value>")
                            .append(escape(String.valueOf(mv))).append("</value>"));
                } else if (v != null) {
                    b.append(escape(String.valueOf(v)));
                }
                b.append("</").append(k).append('>');
            });
            b.append("</").append(element).append(">\n");
        }
        return b.append("</").append(root).append('>').toString();
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
