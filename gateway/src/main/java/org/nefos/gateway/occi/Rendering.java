package org.nefos.gateway.occi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The four renderings Nefos answers in (GFD.185, GFD.229, GFD.225): {@code text/plain} (lines in the body),
 * {@code text/occi} (the same lines as headers, body {@code OK}), {@code text/uri-list} (collections only)
 * and {@code application/occi+json}. An {@link Output} is what goes on the wire.
 */
public enum Rendering {
    PLAIN("text/plain"), OCCI("text/occi"), URI_LIST("text/uri-list"), JSON("application/occi+json");

    /** Status, headers (a name may repeat) and body of a response. */
    public record Output(int status, List<Map.Entry<String, String>> headers, String contentType, String body) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String mediaType;

    Rendering(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /**
     * The rendering an {@code Accept} header asks for: none or {@code *}/{@code *} gives text/plain; the first
     * supported type in preference order wins; nothing supported is a 406.
     */
    public static Rendering negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return PLAIN;
        }
        record Choice(Rendering r, double q, int order) {
        }
        List<Choice> choices = new ArrayList<>();
        int order = 0;
        for (String part : accept.split(",")) {
            String[] bits = part.trim().split(";");
            String type = bits[0].trim().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < bits.length; i++) {
                String b = bits[i].trim();
                if (b.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(b.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            Rendering r = switch (type) {
                case "text/plain", "text/occi+plain", "text/*", "*/*" -> PLAIN;
                case "text/occi" -> OCCI;
                case "text/uri-list" -> URI_LIST;
                case "application/occi+json", "application/json", "application/*" -> JSON;
                default -> null;
            };
            if (r != null && q > 0) {
                choices.add(new Choice(r, q, order++));
            }
        }
        return choices.stream().sorted((a, b) -> a.q != b.q ? Double.compare(b.q, a.q) : Integer.compare(a.order, b.order))
                .map(Choice::r).findFirst()
                .orElseThrow(() -> new OcciException(406, "None of the accepted media types is served: " + accept
                        + " (text/plain, text/occi, text/uri-list, application/occi+json)"));
    }

    /** The query interface: every Kind, Mixin and Action. */
    public Output query(List<Category> categories, String root) {
        if (this == URI_LIST) {
            throw new OcciException(400, "text/uri-list renders collections only");
        }
        if (this == JSON) {
            ObjectNode out = MAPPER.createObjectNode();
            ArrayNode kinds = out.putArray("kinds"), mixins = out.putArray("mixins"), actions = out.putArray("actions");
            for (Category c : categories) {
                ObjectNode n = (c.klass() == Category.Class.KIND ? kinds : c.klass() == Category.Class.MIXIN ? mixins
                        : actions).addObject();
                n.put("term", c.term()).put("scheme", c.scheme());
                if (c.title() != null) {
                    n.put("title", c.title());
                }
                if (c.rel() != null) {
                    if (c.klass() == Category.Class.KIND) {
                        n.put("parent", c.rel());
                    } else {
                        n.putArray("depends").add(c.rel());
                    }
                }
                if (!c.attributes().isEmpty()) {
                    ObjectNode attrs = n.putObject("attributes");
                    for (Category.Attribute a : c.attributes()) {
                        attrs.putObject(a.name()).put("mutable", a.mutable()).put("required", a.required())
                                .put("type", a.type().equals("number") ? "number" : a.type().equals("boolean")
                                        ? "boolean" : "string")
                                .put("description", a.description());
                    }
                }
                if (!c.actions().isEmpty()) {
                    ArrayNode acts = n.putArray("actions");
                    c.actions().forEach(acts::add);
                }
                if (c.location() != null) {
                    n.put("location", root + c.location());
                }
            }
            return json(200, out);
        }
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        categories.forEach(c -> lines.add(Map.entry("Category", c.render(root))));
        return lines(200, lines);
    }

    /** One resource instance with its kind, mixins, links, applicable action links and attributes. */
    public Output entity(Entity e, String root) {
        if (this == URI_LIST) {
            throw new OcciException(400, "text/uri-list renders collections only");
        }
        if (this == JSON) {
            return json(200, jsonEntity(e, root));
        }
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        lines.add(Map.entry("Category", e.kind().renderShort()));
        e.mixins().forEach(m -> lines.add(Map.entry("Category", m.renderShort())));
        for (Entity.Link l : e.links()) {
            StringBuilder s = new StringBuilder("<").append(root).append(l.target()).append(">; rel=\"")
                    .append(l.targetKind()).append('"');
            if (l.self() != null) {
                s.append("; self=\"").append(root).append(l.self()).append('"');
            }
            if (!l.categories().isEmpty()) {
                s.append("; category=\"").append(String.join(" ", l.categories())).append('"');
            }
            l.attributes().forEach((k, v) -> s.append("; ").append(k).append('=').append(Text.value(v)));
            lines.add(Map.entry("Link", s.toString()));
        }
        for (String action : e.actions()) {
            String term = action.substring(action.indexOf('#') + 1);
            lines.add(Map.entry("Link", "<" + root + e.location() + "?action=" + term + ">; rel=\"" + action + "\""));
        }
        e.attributes().forEach((k, v) -> lines.add(Map.entry("X-OCCI-Attribute", k + "=" + Text.value(v))));
        return lines(200, lines);
    }

    /** A collection: its members' locations (text renderings) or full renderings (JSON). */
    public Output collection(List<Entity> members, String root) {
        if (this == JSON) {
            ObjectNode out = MAPPER.createObjectNode();
            ArrayNode resources = out.putArray("resources");
            members.forEach(m -> resources.add(jsonEntity(m, root)));
            return json(200, out);
        }
        return locations(200, members.stream().map(m -> root + m.location()).toList());
    }

    /** Locations only: a create's answer (status 201 with {@code Location}) or a listing. */
    public Output locations(int status, List<String> urls) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (status == 201 && urls.size() == 1) {
            headers.add(Map.entry("Location", urls.get(0)));
        }
        return switch (this) {
            case URI_LIST -> new Output(status, headers, mediaType, urls.isEmpty() ? "" : String.join("\r\n", urls) + "\r\n");
            case JSON -> {
                ObjectNode out = MAPPER.createObjectNode();
                ArrayNode locs = out.putArray("locations");
                urls.forEach(locs::add);
                yield new Output(status, headers, mediaType, out.toString());
            }
            default -> {
                List<Map.Entry<String, String>> lines = new ArrayList<>();
                urls.forEach(u -> lines.add(Map.entry("X-OCCI-Location", u)));
                Output o = lines(status, lines);
                List<Map.Entry<String, String>> all = new ArrayList<>(headers);
                all.addAll(o.headers());
                yield new Output(status, all, o.contentType(), o.body());
            }
        };
    }

    /** Success with nothing to render (delete, action). */
    public Output ok() {
        return switch (this) {
            case OCCI -> new Output(200, List.of(), mediaType, "OK");
            case JSON -> new Output(200, List.of(), mediaType, "{}");
            default -> new Output(200, List.of(), PLAIN.mediaType, "OK");
        };
    }

    /** An error as readable text (JSON: {@code {"error": {"code", "message"}}}). */
    public Output error(int status, String message) {
        if (this == JSON) {
            ObjectNode out = MAPPER.createObjectNode();
            out.putObject("error").put("code", status).put("message", message);
            return json(status, out);
        }
        return new Output(status, List.of(), PLAIN.mediaType, message + "\n");
    }

    private Output json(int status, ObjectNode node) {
        return new Output(status, List.of(), mediaType, node.toString());
    }

    private Output lines(int status, List<Map.Entry<String, String>> lines) {
        if (this == OCCI) {
            // one header per name, values comma-joined (GFD.185 recommends it; repeated headers mean the same)
            Map<String, List<String>> grouped = new LinkedHashMap<>();
            lines.forEach(l -> grouped.computeIfAbsent(l.getKey(), k -> new ArrayList<>()).add(l.getValue()));
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            grouped.forEach((k, v) -> headers.add(Map.entry(k, String.join(", ", v))));
            return new Output(status, headers, mediaType, "OK");
        }
        StringBuilder body = new StringBuilder();
        lines.forEach(l -> body.append(l.getKey()).append(": ").append(l.getValue()).append("\r\n"));
        return new Output(status, List.of(), PLAIN.mediaType, body.toString());
    }

    private static ObjectNode jsonEntity(Entity e, String root) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("kind", e.kind().id());
        if (!e.mixins().isEmpty()) {
            ArrayNode m = n.putArray("mixins");
            e.mixins().forEach(x -> m.add(x.id()));
        }
        ObjectNode attrs = n.putObject("attributes");
        e.attributes().forEach((k, v) -> put(attrs, k, v));
        if (!e.actions().isEmpty()) {
            ArrayNode a = n.putArray("actions");
            e.actions().forEach(a::add);
        }
        n.put("id", e.id());
        if (e.attributes().get("occi.core.title") != null) {
            n.put("title", String.valueOf(e.attributes().get("occi.core.title")));
        }
        n.put("location", root + e.location());
        if (!e.links().isEmpty()) {
            ArrayNode links = n.putArray("links");
            for (Entity.Link l : e.links()) {
                ObjectNode ln = links.addObject();
                ln.put("kind", l.categories().isEmpty() ? Occi.LINK.id() : l.categories().get(0));
                if (l.categories().size() > 1) {
                    ArrayNode m = ln.putArray("mixins");
                    l.categories().subList(1, l.categories().size()).forEach(m::add);
                }
                ObjectNode la = ln.putObject("attributes");
                l.attributes().forEach((k, v) -> put(la, k, v));
                if (l.self() != null) {
                    ln.put("location", root + l.self());
                }
                ln.putObject("source").put("location", root + e.location()).put("kind", e.kind().id());
                ln.putObject("target").put("location", root + l.target()).put("kind", l.targetKind());
            }
        }
        return n;
    }

    private static void put(ObjectNode n, String k, Object v) {
        if (v instanceof Long l) {
            n.put(k, l);
        } else if (v instanceof Integer i) {
            n.put(k, i);
        } else if (v instanceof Double d) {
            n.put(k, d);
        } else if (v instanceof Boolean b) {
            n.put(k, b);
        } else {
            n.put(k, String.valueOf(v));
        }
    }
}
