package org.nefos.image.cloudkeeper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nefos.image.cloudkeeper.grpc.Appliance;
import org.nefos.image.domain.Image;

/**
 * Appliance ↔ Plankton image properties (grpc-occi-cloudkeeper.md A.7). Written under the lower-cased names
 * of Cloudkeeper-ONE's tags ({@code cloudkeeper_appliance_*}, {@code cloudkeeper_image_*}; Plankton keeps
 * property keys in lower case), so that an appliance, with both digests, is rebuilt from its image alone.
 * Images written by Cloudkeeper-OS generation 1 ({@code appliance_*}, lower-cased by Plankton) are read too,
 * so an existing deployment's images are adopted rather than duplicated. The description is the image's
 * own description field, not a property (Plankton caps property values at 256 characters).
 */
final class ApplianceProperties {

    static final String ID = "cloudkeeper_appliance_id";
    static final String IMAGE_LIST = "cloudkeeper_appliance_image_list_id";
    static final String TITLE = "cloudkeeper_appliance_title";
    static final String MPURI = "cloudkeeper_appliance_mpuri";
    static final String GROUP = "cloudkeeper_appliance_group";
    static final String RAM = "cloudkeeper_appliance_ram";
    static final String CORE = "cloudkeeper_appliance_core";
    static final String VERSION = "cloudkeeper_appliance_version";
    static final String ARCHITECTURE = "cloudkeeper_appliance_architecture";
    static final String OPERATING_SYSTEM = "cloudkeeper_appliance_operating_system";
    static final String VO = "cloudkeeper_appliance_vo";
    static final String EXPIRATION_DATE = "cloudkeeper_appliance_expiration_date";
    static final String BASE_MPURI = "cloudkeeper_appliance_base_mpuri";
    static final String APPID = "cloudkeeper_appliance_appid";
    static final String DIGEST = "cloudkeeper_appliance_digest";
    static final String IMAGE_URI = "cloudkeeper_image_uri";
    static final String IMAGE_CHECKSUM = "cloudkeeper_image_checksum";
    static final String IMAGE_SIZE = "cloudkeeper_image_size";
    static final String IMAGE_FORMAT = "cloudkeeper_image_format";
    static final String IMAGE_DIGEST = "cloudkeeper_image_digest";
    /** {@code ACTIVE}, or {@code EOL} once retired (replaced or removed) and awaiting deletion. */
    static final String STATUS = "cloudkeeper_status";
    /** The project the VO mapped to when the image was registered (its container is charged to it). */
    static final String PROJECT = "cloudkeeper_project";
    /** Kept for the EGI cloud-info-provider, which recognises AppDB appliances by it. */
    static final String VMCATCHER_MPURI = "vmcatcher_event_ad_mpuri";

    static final String ACTIVE = "ACTIVE";
    static final String EOL = "EOL";

    /** Cloudkeeper-OS generation 1 names (its upper-case Glance properties as Plankton stores them). */
    static final String GEN1_PREFIX = "appliance_";
    static final String GEN1_ID = "appliance_id";
    static final String GEN1_IMAGE_LIST = "appliance_image_list_id";
    static final String GEN1_STATUS = "appliance_status";

    /** Properties one of which marks an image as an appliance. */
    static final List<String> MARKERS = List.of(ID, GEN1_ID);

    /** Plankton's limit on a property value. */
    static final int MAX_VALUE = 256;

    private ApplianceProperties() {
    }

    /** Everything about {@code a} (its image included when present) as properties, in state {@code status}. */
    static Map<String, String> of(Appliance a, String project, String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(ID, a.getIdentifier());
        p.put(IMAGE_LIST, a.getImageListIdentifier());
        p.put(TITLE, a.getTitle());
        p.put(MPURI, a.getMpuri());
        p.put(GROUP, a.getGroup());
        p.put(RAM, Long.toString(a.getRam()));
        p.put(CORE, Integer.toString(a.getCore()));
        p.put(VERSION, a.getVersion());
        p.put(ARCHITECTURE, a.getArchitecture());
        p.put(OPERATING_SYSTEM, a.getOperatingSystem());
        p.put(VO, a.getVo());
        p.put(EXPIRATION_DATE, Long.toString(a.getExpirationDate()));
        p.put(BASE_MPURI, a.getBaseMpuri());
        p.put(APPID, a.getAppid());
        p.put(DIGEST, a.getDigest());
        p.put(STATUS, status);
        p.put(PROJECT, project);
        p.put(VMCATCHER_MPURI, a.getMpuri());
        p.replaceAll((k, v) -> clamp(v));
        return p;
    }

    /** The image part: written on add/update (a metadata-only update carries no image and keeps these). */
    static Map<String, String> ofImage(org.nefos.image.cloudkeeper.grpc.Image image) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(IMAGE_URI, image.getUri());
        p.put(IMAGE_CHECKSUM, image.getChecksum());
        p.put(IMAGE_SIZE, Long.toString(image.getSize()));
        p.put(IMAGE_FORMAT, image.getFormat().name());
        p.put(IMAGE_DIGEST, image.getDigest());
        p.replaceAll((k, v) -> clamp(v));
        return p;
    }

    /** Properties of {@code image} without Cloudkeeper-OS generation 1's, which an adopted image sheds. */
    static Map<String, String> withoutGen1(Map<String, String> properties) {
        Map<String, String> p = new LinkedHashMap<>(properties);
        p.keySet().removeIf(k -> k.startsWith(GEN1_PREFIX));
        return p;
    }

    static boolean isAppliance(Image image) {
        return applianceId(image) != null;
    }

    static String applianceId(Image image) {
        return read(image, ID, GEN1_ID);
    }

    static String imageListId(Image image) {
        return read(image, IMAGE_LIST, GEN1_IMAGE_LIST);
    }

    /** Retired images are kept only until {@code PostAction} deletes them; they are no longer held. */
    static boolean isRetired(Image image) {
        return EOL.equalsIgnoreCase(read(image, STATUS, GEN1_STATUS));
    }

    /** Epoch seconds; 0 when absent or unreadable (never expires). */
    static long expiration(Image image) {
        return parseLong(read(image, EXPIRATION_DATE, GEN1_PREFIX + "expiration_date"));
    }

    /** The appliance as the core sent it, rebuilt from the image (no {@code image} part: listings omit it). */
    static Appliance toAppliance(Image image) {
        Appliance.Builder b = Appliance.newBuilder()
                .setIdentifier(nz(applianceId(image)))
                .setImageListIdentifier(nz(imageListId(image)))
                .setTitle(nz(field(image, "title")))
                .setDescription(image.description() != null ? image.description()
                        : nz(image.properties().get(GEN1_PREFIX + "description")))
                .setMpuri(nz(field(image, "mpuri")))
                .setGroup(nz(field(image, "group")))
                .setRam(parseLong(field(image, "ram")))
                .setCore((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parseLong(field(image, "core")))))
                .setVersion(nz(field(image, "version")))
                .setArchitecture(nz(field(image, "architecture")))
                .setOperatingSystem(nz(field(image, "operating_system")))
                .setVo(nz(field(image, "vo")))
                .setExpirationDate(expiration(image))
                .setBaseMpuri(nz(field(image, "base_mpuri")))
                .setAppid(nz(field(image, "appid")))
                .setDigest(nz(field(image, "digest")));
        String imageDigest = image.properties().get(IMAGE_DIGEST);
        if (imageDigest != null) {
            // the core compares Image.digest to decide on a re-upload, so the listing carries it back
            b.setImage(org.nefos.image.cloudkeeper.grpc.Image.newBuilder().setDigest(imageDigest)
                    .setUri(nz(image.properties().get(IMAGE_URI)))
                    .setChecksum(nz(image.properties().get(IMAGE_CHECKSUM)))
                    .setSize(parseLong(image.properties().get(IMAGE_SIZE)))
                    .setFormat(format(image.properties().get(IMAGE_FORMAT))));
        }
        return b.build();
    }

    /** An appliance field in this scheme, else in generation 1's ({@code appliance_<field>}). */
    private static String field(Image image, String field) {
        return read(image, "cloudkeeper_appliance_" + field, GEN1_PREFIX + field);
    }

    private static String read(Image image, String key, String gen1Key) {
        String v = image.properties().get(key);
        return v != null ? v : image.properties().get(gen1Key);
    }

    private static org.nefos.image.cloudkeeper.grpc.Image.Format format(String name) {
        if (name == null) {
            return org.nefos.image.cloudkeeper.grpc.Image.Format.RAW;
        }
        try {
            return org.nefos.image.cloudkeeper.grpc.Image.Format.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return org.nefos.image.cloudkeeper.grpc.Image.Format.RAW;
        }
    }

    static long parseLong(String v) {
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }

    /**
     * Values longer than Plankton allows are cut. Only free text (a title, a URL) can be that long; the
     * digests, which are what the core compares, are 128 characters and always kept whole.
     */
    static String clamp(String v) {
        if (v == null) {
            return "";
        }
        return v.length() <= MAX_VALUE ? v : v.substring(0, MAX_VALUE);
    }
}
