package org.nefos.storage.streaming;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.nefos.platform.fault.FaultException;
import org.nefos.storage.domain.MetaKeys;

/** Reads user metadata headers ({@code X-<Level>-Meta-*}, groups, policies) with Pithos' normalisation and limits. */
final class MetaHeaders {

    private MetaHeaders() {
    }

    /** Normalised key (without prefix) → value ({@code ~} removed; empty values kept: they delete). */
    static Map<String, String> read(Exchange ex, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        String lowerPrefix = prefix.toLowerCase();
        int count = 0;
        for (Map.Entry<String, String> h : ex.request().headers()) {
            String name = h.getKey().indexOf('%') >= 0 ? org.nefos.storage.domain.PithosPath.decode(h.getKey())
                    : h.getKey();
            if (!name.toLowerCase().startsWith(lowerPrefix)) {
                continue;
            }
            if (++count > 90) {
                throw FaultException.badRequest("Too many headers");
            }
            String key = MetaKeys.normalise(name.substring(prefix.length()));
            String value = h.getValue().indexOf('%') >= 0 ? org.nefos.storage.domain.PithosPath.decode(h.getValue())
                    : h.getValue();
            value = value.replace("~", "").trim();
            if (key.isEmpty() || (prefix + key).length() > MetaKeys.MAX_NAME) {
                throw FaultException.badRequest("Bad metadata key");
            }
            if (value.length() > MetaKeys.MAX_VALUE) {
                throw FaultException.badRequest("Metadata value too long");
            }
            out.put(key, value);
        }
        return out;
    }

    /** {@code current} replaced by or merged with {@code given} (merge: empty value deletes). */
    static Map<String, String> apply(Map<String, String> current, Map<String, String> given, boolean merge) {
        Map<String, String> result = new TreeMap<>(merge ? current : Map.of());
        given.forEach((k, v) -> {
            if (v.isEmpty()) {
                result.remove(k);
            } else {
                result.put(k, v);
            }
        });
        if (result.size() > MetaKeys.MAX_ITEMS) {
            throw FaultException.badRequest("Too many metadata items");
        }
        return result;
    }
}
