package org.nefos.gateway.grpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.Status;
import oaktree.Common.Filter;

/**
 * Get and List semantics shared by every resource (spec D.2 item 3):
 * <ul>
 * <li>{@code name_or_id}: an exact id, or else an exact name; empty = everything;</li>
 * <li>{@code filter}: every entry must equal an attribute — a scalar contract field by its proto name
 * ({@code status}, {@code is_public}, {@code ram}; enums by value name) or a {@code properties} entry;</li>
 * <li>paging: objects are ordered by id (numerically when ids are numbers); {@code page_token} is the opaque
 * token of the previous answer (it names the last id returned), so a page never repeats or skips an object
 * that existed throughout.</li>
 * </ul>
 * Get answers NOT_FOUND when nothing matches and FAILED_PRECONDITION when a name matches several.
 */
final class Listing {

    record Page<M>(List<M> items, String nextToken) {
    }

    private Listing() {
    }

    static void checkFilter(Filter filter) {
        if (!filter.getJmespath().isEmpty()) {
            throw GrpcErrors.invalid("jmespath is not supported; use the filter map");
        }
    }

    static <M extends Message> List<M> matching(List<M> all, Filter filter) {
        checkFilter(filter);
        String nameOrId = filter.getNameOrId();
        List<M> out = new ArrayList<>();
        if (!nameOrId.isEmpty()) {
            for (M m : all) {
                if (nameOrId.equals(string(m, "id"))) {
                    out.add(m);
                }
            }
            if (out.isEmpty()) {
                for (M m : all) {
                    if (nameOrId.equals(string(m, "name"))) {
                        out.add(m);
                    }
                }
            }
        } else {
            out.addAll(all);
        }
        if (!filter.getFilterMap().isEmpty()) {
            out.removeIf(m -> !matches(attributes(m), filter.getFilterMap()));
        }
        return out;
    }

    static <M extends Message> M one(List<M> all, Filter filter, String kind) {
        List<M> found = matching(all, filter);
        String what = filter.getNameOrId().isEmpty() ? "the filter" : "'" + filter.getNameOrId() + "'";
        if (found.isEmpty()) {
            throw GrpcErrors.notFound("No " + kind + " matches " + what);
        }
        if (found.size() > 1) {
            throw GrpcErrors.of(Status.FAILED_PRECONDITION,
                    found.size() + " " + kind + "s match " + what + "; give an id");
        }
        return found.get(0);
    }

    /**
     * Rejects a malformed List request (jmespath, page size, a token this API did not make) before anything is
     * fetched for it.
     */
    static void checkList(Filter filter, GrpcConfig config) {
        checkFilter(filter);
        int size = filter.getPageSize();
        if (size < 0 || size > config.maxPageSize()) {
            throw GrpcErrors.invalid("page_size must be between 0 and " + config.maxPageSize());
        }
        if (!filter.getPageToken().isEmpty()) {
            decode(filter.getPageToken());
        }
    }

    static <M extends Message> Page<M> page(List<M> all, Filter filter, GrpcConfig config) {
        checkList(filter, config);
        int size = filter.getPageSize() == 0 ? config.defaultPageSize() : filter.getPageSize();
        List<M> found = new ArrayList<>(matching(all, filter));
        Comparator<String> order = Listing::compareIds;
        found.sort(Comparator.comparing(m -> key(m), order));
        int start = 0;
        if (!filter.getPageToken().isEmpty()) {
            String after = decode(filter.getPageToken());
            while (start < found.size() && compareIds(key(found.get(start)), after) <= 0) {
                start++;
            }
        }
        int end = Math.min(found.size(), start + size);
        List<M> items = List.copyOf(found.subList(start, end));
        String next = end < found.size() ? encode(key(found.get(end - 1))) : "";
        return new Page<>(items, next);
    }

    /** The scalar contract fields (by proto name, enums by value name) and the properties bag. */
    static Map<String, String> attributes(Message m) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            if (f.isRepeated() || f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            Object v = e.getValue();
            attrs.put(f.getName(), v instanceof com.google.protobuf.Descriptors.EnumValueDescriptor ev ? ev.getName()
                    : String.valueOf(v));
        }
        // defaults (false, 0) are not in getAllFields but must still be filterable
        for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (!f.isRepeated() && f.getJavaType() != FieldDescriptor.JavaType.MESSAGE && !attrs.containsKey(f.getName())) {
                Object v = m.getField(f);
                attrs.put(f.getName(), v instanceof com.google.protobuf.Descriptors.EnumValueDescriptor ev ? ev.getName()
                        : String.valueOf(v));
            }
        }
        FieldDescriptor props = m.getDescriptorForType().findFieldByName("properties");
        if (props != null) {
            for (Object entry : (List<?>) m.getField(props)) {
                Message kv = (Message) entry;
                var fields = kv.getDescriptorForType().getFields();
                attrs.putIfAbsent(String.valueOf(kv.getField(fields.get(0))), String.valueOf(kv.getField(fields.get(1))));
            }
        }
        return attrs;
    }

    private static boolean matches(Map<String, String> attrs, Map<String, String> wanted) {
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            String have = attrs.get(w.getKey());
            if (have == null || !have.equalsIgnoreCase(w.getValue()) && !have.equals(w.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static String key(Message m) {
        String id = string(m, "id");
        return id.isEmpty() ? string(m, "name") : id;
    }

    private static String string(Message m, String field) {
        FieldDescriptor f = m.getDescriptorForType().findFieldByName(field);
        return f == null ? "" : String.valueOf(m.getField(f));
    }

    static int compareIds(String a, String b) {
        boolean na = isNumber(a);
        boolean nb = isNumber(b);
        if (na && nb) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (na != nb) {
            return na ? -1 : 1;
        }
        return a.compareTo(b);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return s.charAt(0) != '0' || s.length() == 1;
    }

    private static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("after:" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith("after:") && s.length() > 6) {
                return s.substring(6);
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw GrpcErrors.invalid("page_token is not a token this API returned");
    }
}
