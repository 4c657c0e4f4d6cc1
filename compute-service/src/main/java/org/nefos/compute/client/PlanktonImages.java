package org.nefos.compute.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.MultiMap;
import org.nefos.compute.domain.Image;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;

/** Plankton's two wire forms of an image (detail list entry, {@code x-image-meta-*} headers) as compute's image. */
public final class PlanktonImages {

    private static final String META = "x-image-meta-";
    private static final String PROPERTY = META + "property-";
    /** Plankton's dates: {@code YYYY-MM-DD HH:MM:SS}, UTC (pithos-plankton-api.md 6.6, 6.7). */
    private static final DateTimeFormatter PLANKTON_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PlanktonImages() {
    }

    /** The list form keeps Plankton's unmapped status and typed JSON fields (pithos-plankton-api.md 6.7). */
    public static Image fromListEntry(JsonObject i) {
        Map<String, String> properties = new TreeMap<>();
        i.getJsonObject("properties", new JsonObject()).forEach(e -> properties.put(e.getKey(),
                String.valueOf(e.getValue())));
        Instant created = date(i.getString("created_at"));
        Instant updated = date(i.getString("updated_at"));
        return new Image(i.getString("id"), i.getString("name"), i.getString("owner"), i.getBoolean("is_public", false),
                computeStatus(i.getString("status")), i.getBoolean("is_snapshot", false), i.getLong("size", 0L),
                created, updated, properties);
    }

    /** The header form: percent-encoded name and properties, {@code _} of property keys sent as {@code -}. */
    public static Image fromHeaders(MultiMap headers) {
        Map<String, String> properties = new TreeMap<>();
        headers.forEach(e -> {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith(PROPERTY)) {
                properties.put(decode(name.substring(PROPERTY.length())).replace('-', '_'), decode(e.getValue()));
            }
        });
        return new Image(headers.get(META + "id"), decode(headers.get(META + "name")), headers.get(META + "owner"),
                "true".equalsIgnoreCase(headers.get(META + "is-public")), computeStatus(headers.get(META + "status")),
                "true".equalsIgnoreCase(headers.get(META + "is-snapshot")), size(headers.get(META + "size")),
                date(headers.get(META + "created-at")), date(headers.get(META + "updated-at")), properties);
    }

    /**
     * Compute's image status (cyclades-api.md 3.4): ACTIVE when the object is available, SAVING while it is not,
     * ERROR, else UNKNOWN. Plankton lists the stored status unmapped and maps UNAVAILABLE to SAVING in headers.
     */
    public static String computeStatus(String plankton) {
        return switch (plankton == null ? "" : plankton.toUpperCase(Locale.ROOT)) {
            case "AVAILABLE" -> "ACTIVE";
            case "UNAVAILABLE", "SAVING" -> "SAVING";
            case "ERROR" -> "ERROR";
            default -> "UNKNOWN";
        };
    }

    private static Instant date(String text) {
        if (text == null || text.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return LocalDateTime.parse(text, PLANKTON_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new FaultException(Fault.SERVICE_UNAVAILABLE, "Image service unavailable",
                    "unreadable date '" + text + "'");
        }
    }

    private static long size(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FaultException(Fault.SERVICE_UNAVAILABLE, "Image service unavailable", "unreadable size");
        }
    }

    /** Percent-decoding that leaves a literal {@code +} alone (it is not a space here). */
    static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
