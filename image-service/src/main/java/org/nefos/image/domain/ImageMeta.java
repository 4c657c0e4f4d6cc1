package org.nefos.image.domain;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.nefos.platform.fault.FaultException;

/**
 * The {@code X-Image-Meta-*} headers of a register or update request (pithos-plankton-api.md 6.3): known
 * fields under their normalised names ({@code Disk-Format} ≡ {@code disk_format}) and the properties under
 * lower-cased keys with punctuation turned into {@code _}. Header names are case-insensitive; other field
 * names are ignored.
 */
public record ImageMeta(Map<String, String> fields, Map<String, String> properties) {

    private static final String PREFIX = "x-image-meta-";
    private static final String PROPERTY = "property-";
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /** The fields the server picks up (the detail set plus {@code store}). */
    public static final Set<String> KNOWN = Set.of("name", "disk_format", "container_format", "size", "checksum",
            "location", "created_at", "updated_at", "deleted_at", "status", "is_public", "owner", "id",
            "is_snapshot", "description", "store");

    public static final Set<String> DISK_FORMATS = Set.of("diskdump", "extdump", "ntfsdump");
    public static final Set<String> CONTAINER_FORMATS = Set.of("bare", "aki", "ari", "ami", "ovf");

    /** Pithos limits of the {@code plankton} domain: stored key {@code plankton:property:<key>} and value lengths. */
    public static final int MAX_KEY = 111;
    public static final int MAX_VALUE = 256;
    public static final int MAX_ITEMS = 32;
    private static final int STORED_PROPERTY_PREFIX = "plankton:property:".length();
    private static final int STORED_PREFIX = "plankton:".length();

    /** Reads the headers ({@code name → values}; names in any case). */
    public static ImageMeta from(Iterable<Map.Entry<String, String>> headers) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            String value = h.getValue() == null ? "" : h.getValue();
            if (rest.startsWith(PROPERTY)) {
                String key = normalise(ObjectPath.decode(h.getKey().substring(PREFIX.length() + PROPERTY.length()),
                        "property name").toLowerCase(Locale.ROOT));
                if (key.isEmpty()) {
                    throw FaultException.badRequest("Invalid property name");
                }
                properties.put(key, ObjectPath.decode(value, "property value"));
            } else {
                String field = normalise(rest);
                if (KNOWN.contains(field)) {
                    fields.put(field, field.equals("name") || field.equals("description") || field.equals("owner")
                            ? ObjectPath.decode(value, field) : value);
                }
            }
        }
        return new ImageMeta(fields, properties);
    }

    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(PUNCTUATION.indexOf(c) >= 0 ? '_' : c);
        }
        return b.toString();
    }

    public String field(String name) {
        return fields.get(name);
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }

    /** {@code is_public} is true only for the text {@code true} (any case). */
    public Boolean isPublic() {
        String v = fields.get("is_public");
        return v == null ? null : v.trim().equalsIgnoreCase("true");
    }

    public void checkFormats() {
        String disk = fields.get("disk_format");
        if (disk != null && !DISK_FORMATS.contains(disk)) {
            throw FaultException.badRequest("Invalid disk format '" + disk + "'");
        }
        String container = fields.get("container_format");
        if (container != null && !CONTAINER_FORMATS.contains(container)) {
            throw FaultException.badRequest("Invalid container format '" + container + "'");
        }
    }

    /**
     * The {@code plankton} domain limits after merging with {@code existing} properties: stored key at most
     * 111 characters, values at most 256, at most 32 items (the fixed fields count too).
     */
    public void checkLimits(Map<String, String> existing, int fixedItems) {
        for (Map.Entry<String, String> f : fields.entrySet()) {
            if (f.getValue().length() > MAX_VALUE) {
                throw FaultException.badRequest("Metadata value too long: " + f.getKey());
            }
            if (STORED_PREFIX + f.getKey().length() > MAX_KEY) {
                throw FaultException.badRequest("Metadata key too long: " + f.getKey());
            }
        }
        for (Map.Entry<String, String> p : properties.entrySet()) {
            if (STORED_PROPERTY_PREFIX + p.getKey().length() > MAX_KEY) {
                throw FaultException.badRequest("Property name too long: " + p.getKey());
            }
            if (p.getValue().length() > MAX_VALUE) {
                throw FaultException.badRequest("Property value too long: " + p.getKey());
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(existing);
        merged.putAll(properties);
        if (merged.size() + fixedItems > MAX_ITEMS) {
            throw FaultException.badRequest("Too many metadata items: at most " + MAX_ITEMS);
        }
    }
}
