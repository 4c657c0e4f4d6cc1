package org.nefos.storage.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Conversions between SQL values and domain values. */
final class Rows {

    private Rows() {
    }

    static Map<String, String> strings(JsonObject json) {
        Map<String, String> m = new TreeMap<>();
        if (json != null) {
            json.forEach(e -> m.put(e.getKey(), String.valueOf(e.getValue())));
        }
        return m;
    }

    static Map<String, List<String>> lists(JsonObject json) {
        Map<String, List<String>> m = new TreeMap<>();
        if (json != null) {
            json.forEach(e -> {
                List<String> l = new ArrayList<>();
                ((JsonArray) e.getValue()).forEach(v -> l.add((String) v));
                m.put(e.getKey(), l);
            });
        }
        return m;
    }

    static JsonObject json(Map<String, ?> map) {
        return new JsonObject(new LinkedHashMap<>(map));
    }

    static JsonObject jsonLists(Map<String, List<String>> map) {
        JsonObject o = new JsonObject();
        map.forEach((k, v) -> o.put(k, new JsonArray(new ArrayList<>(v))));
        return o;
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime time(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
