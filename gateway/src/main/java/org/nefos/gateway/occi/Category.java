package org.nefos.gateway.occi;

import java.util.List;

/**
 * An OCCI Kind, Mixin or Action definition as the query interface shows it (GFD.185 §3.3.1, GFD.229 §5.1).
 * {@code location} is relative to the OCCI root ({@code compute/}); {@code rel} and {@code actions} hold
 * type identifiers (scheme + term).
 */
public record Category(String term, String scheme, Class klass, String title, String rel, String location,
        List<Attribute> attributes, List<String> actions) {

    public enum Class {
        KIND, MIXIN, ACTION;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One attribute definition: name, type (string, number, boolean, enum), and its flags. */
    public record Attribute(String name, String type, boolean mutable, boolean required, String description) {

        static Attribute mutable(String name, String type, String description) {
            return new Attribute(name, type, true, false, description);
        }

        static Attribute immutable(String name, String type, String description) {
            return new Attribute(name, type, false, false, description);
        }

        static Attribute required(String name, String type, String description) {
            return new Attribute(name, type, true, true, description);
        }

        /** {@code name}, {@code name{immutable}}, {@code name{required}} or both, as GFD.185 renders it. */
        String rendered() {
            if (!mutable && required) {
                return name + "{immutable required}";
            }
            return name + (!mutable ? "{immutable}" : required ? "{required}" : "");
        }
    }

    public static Category kind(String term, String scheme, String title, String rel, String location,
            List<Attribute> attributes, List<String> actions) {
        return new Category(term, scheme, Class.KIND, title, rel, location, attributes, actions);
    }

    public static Category mixin(String term, String scheme, String title, String rel, String location,
            List<Attribute> attributes) {
        return new Category(term, scheme, Class.MIXIN, title, rel, location, attributes, List.of());
    }

    public static Category action(String term, String scheme, String title, List<Attribute> attributes) {
        return new Category(term, scheme, Class.ACTION, title, null, null, attributes, List.of());
    }

    /** The type identifier: scheme followed by term. */
    public String id() {
        return scheme + term;
    }

    /** The Category value of the text renderings, locations made absolute under {@code root}. */
    public String render(String root) {
        StringBuilder s = new StringBuilder(term).append("; scheme=\"").append(scheme).append("\"; class=\"")
                .append(klass.wire()).append('"');
        if (title != null) {
            s.append("; title=\"").append(Text.escape(title)).append('"');
        }
        if (rel != null) {
            s.append("; rel=\"").append(rel).append('"');
        }
        if (location != null) {
            s.append("; location=\"").append(root).append(location).append('"');
        }
        if (!attributes.isEmpty()) {
            s.append("; attributes=\"");
            for (int i = 0; i < attributes.size(); i++) {
                s.append(i == 0 ? "" : " ").append(attributes.get(i).rendered());
            }
            s.append('"');
        }
        if (!actions.isEmpty()) {
            s.append("; actions=\"").append(String.join(" ", actions)).append('"');
        }
        return s.toString();
    }

    /** Only term, scheme and class: how an entity names the kind and mixins it has. */
    public String renderShort() {
        StringBuilder s = new StringBuilder(term).append("; scheme=\"").append(scheme).append("\"; class=\"")
                .append(klass.wire()).append('"');
        if (title != null) {
            s.append("; title=\"").append(Text.escape(title)).append('"');
        }
        return s.toString();
    }
}
