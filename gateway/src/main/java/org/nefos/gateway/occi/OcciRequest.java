package org.nefos.gateway.occi;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a client sent, whatever the rendering: categories, attributes, links and locations. Parsed strictly:
 * anything that is not valid OCCI is an {@link OcciException} with status 400 and a message saying what.
 */
public record OcciRequest(List<Ref> categories, Map<String, Object> attributes, List<LinkRef> links,
        List<String> locations) {

    /** A category a client names: term, scheme, class. */
    public record Ref(String term, String scheme, String klass) {

        public String id() {
            return scheme + term;
        }

        static Ref ofId(String id, String klass) {
            int hash = id.indexOf('#');
            if (hash < 0 || hash == id.length() - 1) {
                throw new OcciException(400, "Not a category type identifier (scheme#term): " + id);
            }
            return checked(id.substring(hash + 1), id.substring(0, hash + 1), klass);
        }

        static Ref checked(String term, String scheme, String klass) {
            if (!Text.TERM.matcher(term).matches()) {
                throw new OcciException(400, "Invalid category term: " + term);
            }
            if (scheme == null || !scheme.endsWith("#")) {
                throw new OcciException(400, "Category " + term + ": scheme must be a URI ending in '#'");
            }
            if (klass == null || !List.of("kind", "mixin", "action").contains(klass)) {
                throw new OcciException(400, "Category " + term + ": class must be kind, mixin or action");
            }
            return new Ref(term, scheme, klass);
        }
    }

    /** An inline link: its target, the target's kind (rel), the link's own kind and attributes. */
    public record LinkRef(String target, String rel, String self, String category, Map<String, Object> attributes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static OcciRequest empty() {
        return new OcciRequest(List.of(), Map.of(), List.of(), List.of());
    }

    public List<Ref> ofClass(String klass) {
        return categories.stream().filter(c -> c.klass().equals(klass)).toList();
    }

    /** The text renderings: header-like lines from text/occi headers or a text/plain body. */
    public static OcciRequest fromLines(List<Map.Entry<String, String>> lines) {
        List<Ref> categories = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<LinkRef> links = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        for (Map.Entry<String, String> line : lines) {
            String name = line.getKey().trim().toLowerCase(Locale.ROOT);
            for (String value : Text.splitList(line.getValue())) {
                switch (name) {
                    case "category" -> categories.add(category(value));
                    case "x-occi-attribute" -> attribute(value, attributes);
                    case "link" -> links.add(link(value));
                    case "x-occi-location" -> locations.add(value.trim());
                    default -> throw new OcciException(400, "Unknown rendering line: " + line.getKey());
                }
            }
        }
        return new OcciRequest(categories, attributes, links, locations);
    }

    /** A text/plain body: one {@code Name: value} per line, blank lines ignored. */
    public static OcciRequest fromPlainBody(String body) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (String raw : body.split("\r?\n")) {
            if (raw.isBlank()) {
                continue;
            }
            int colon = raw.indexOf(':');
            if (colon <= 0) {
                throw new OcciException(400, "Malformed rendering line (expected 'Name: value'): " + raw);
            }
            lines.add(Map.entry(raw.substring(0, colon), raw.substring(colon + 1)));
        }
        return fromLines(lines);
    }

    static Ref category(String value) {
        List<String> pieces = Text.split(value, ';');
        if (pieces.isEmpty()) {
            throw new OcciException(400, "Empty Category");
        }
        Map<String, String> p = Text.params(pieces, "Category");
        String scheme = p.containsKey("scheme") ? Text.unquote(p.get("scheme")) : null;
        String klass = p.containsKey("class") ? Text.unquote(p.get("class")) : null;
        return Ref.checked(pieces.get(0).trim(), scheme, klass);
    }

    static void attribute(String value, Map<String, Object> into) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new OcciException(400, "Malformed X-OCCI-Attribute (expected name=value): " + value);
        }
        String name = value.substring(0, eq).trim();
        if (!Text.ATTRIBUTE_NAME.matcher(name).matches()) {
            throw new OcciException(400, "Invalid attribute name: " + name);
        }
        if (into.containsKey(name)) {
            throw new OcciException(400, "Attribute " + name + " given twice");
        }
        into.put(name, Text.attributeValue(name, value.substring(eq + 1)));
    }

    static LinkRef link(String value) {
        List<String> pieces = Text.split(value, ';');
        String target = pieces.isEmpty() ? "" : pieces.get(0).trim();
        if (!target.startsWith("<") || !target.endsWith(">") || target.length() < 3) {
            throw new OcciException(400, "Link must start with <target URI>: " + value);
        }
        Map<String, String> p = Text.params(pieces, "Link");
        String rel = p.containsKey("rel") ? Text.unquote(p.remove("rel")) : null;
        if (rel == null || rel.isBlank()) {
            throw new OcciException(400, "Link " + target + ": rel is required");
        }
        String self = p.containsKey("self") ? Text.unquote(p.remove("self")) : null;
        String category = p.containsKey("category") ? Text.unquote(p.remove("category")) : null;
        Map<String, Object> attrs = new LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (!Text.ATTRIBUTE_NAME.matcher(k).matches()) {
                throw new OcciException(400, "Invalid link attribute name: " + k);
            }
            attrs.put(k, Text.attributeValue(k, v));
        });
        return new LinkRef(target.substring(1, target.length() - 1), rel, self, category, attrs);
    }

    /**
     * The OCCI 1.2 JSON rendering (GFD.225): a resource ({@code kind}, {@code mixins}, {@code attributes},
     * {@code links}), a link ({@code kind}, {@code source}, {@code target}) or an action invocation
     * ({@code action}, {@code attributes}).
     */
    public static OcciRequest fromJson(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new OcciException(400, "Malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new OcciException(400, "Malformed JSON");
        }
        if (!(root instanceof ObjectNode o)) {
            throw new OcciException(400, "The JSON rendering must be an object");
        }
        List<Ref> categories = new ArrayList<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        List<LinkRef> links = new ArrayList<>();
        if (o.has("kind")) {
            categories.add(Ref.ofId(text(o.get("kind"), "kind"), "kind"));
        }
        if (o.has("action")) {
            categories.add(Ref.ofId(text(o.get("action"), "action"), "action"));
        }
        if (o.has("mixins")) {
            if (!o.get("mixins").isArray()) {
                throw new OcciException(400, "mixins must be an array of type identifiers");
            }
            for (JsonNode m : o.get("mixins")) {
                categories.add(Ref.ofId(text(m, "mixins[]"), "mixin"));
            }
        }
        jsonAttributes(o.get("attributes"), attributes);
        if (o.has("title") && !attributes.containsKey("occi.core.title")) {
            attributes.put("occi.core.title", text(o.get("title"), "title"));
        }
        if (o.has("source")) {
            attributes.put("occi.core.source", location(o.get("source"), "source"));
        }
        if (o.has("target")) {
            attributes.put("occi.core.target", location(o.get("target"), "target"));
        }
        if (o.has("links")) {
            if (!o.get("links").isArray()) {
                throw new OcciException(400, "links must be an array");
            }
            for (JsonNode l : o.get("links")) {
                if (!(l instanceof ObjectNode lo) || !lo.has("target")) {
                    throw new OcciException(400, "each link needs a target");
                }
                Map<String, Object> la = new LinkedHashMap<>();
                jsonAttributes(lo.get("attributes"), la);
                String targetKind = lo.get("target").has("kind") ? text(lo.get("target").get("kind"), "target.kind") : null;
                links.add(new LinkRef(location(lo.get("target"), "target"), targetKind, null,
                        lo.has("kind") ? text(lo.get("kind"), "link kind") : null, la));
            }
        }
        return new OcciRequest(categories, attributes, links, List.of());
    }

    private static void jsonAttributes(JsonNode node, Map<String, Object> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new OcciException(400, "attributes must be an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            var e = it.next();
            if (!Text.ATTRIBUTE_NAME.matcher(e.getKey()).matches()) {
                throw new OcciException(400, "Invalid attribute name: " + e.getKey());
            }
            JsonNode v = e.getValue();
            Object value;
            if (v.isTextual()) {
                value = v.asText();
            } else if (v.isIntegralNumber()) {
                value = v.asLong();
            } else if (v.isNumber()) {
                value = v.asDouble();
            } else if (v.isBoolean()) {
                value = v.asBoolean();
            } else {
                throw new OcciException(400, "Attribute " + e.getKey() + ": value must be a string, number or boolean");
            }
            into.put(e.getKey(), value);
        }
    }

    private static String location(JsonNode node, String what) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isObject() && node.has("location")) {
            return text(node.get("location"), what + ".location");
        }
        throw new OcciException(400, what + " must be a location or an object with a location");
    }

    private static String text(JsonNode node, String what) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new OcciException(400, what + " must be a non-empty string");
        }
        return node.asText();
    }
}
