package org.nefos.image.cloudkeeper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.vertx.core.json.JsonObject;
import org.nefos.image.cloudkeeper.grpc.Appliance;
import org.nefos.image.cloudkeeper.grpc.Image;

/**
 * Builds the messages the Ruby core 2.x sends (grpc-occi-cloudkeeper.md A.4, A.5): appliance fields from an
 * image-list entry, both digests as SHA-512 hex over a JSON of the attributes the core hashes, and the
 * prepared image as a LOCAL file in the shared directory (SHA-512 checksum) or a REMOTE URL with per-transfer
 * basic-auth credentials.
 */
final class CoreCalls {

    private CoreCalls() {
    }

    /** An image-list entry's appliance, without its image; expires in 30 days. */
    static Appliance.Builder appliance(String imageList, String vo, String title) {
        String id = UUID.randomUUID().toString();
        Appliance.Builder a = Appliance.newBuilder().setIdentifier(id).setTitle(title)
                .setDescription("Appliance " + title + " for the " + vo + " VO, kept in sync by Cloudkeeper")
                .setMpuri("https://appdb.egi.eu/store/vm/image/" + id + ":1/").setGroup("General group")
                .setRam(2048L * 1024 * 1024).setCore(2).setVersion("1.0").setArchitecture("x86_64")
                .setOperatingSystem("Linux Ubuntu 22.04").setVo(vo)
                .setExpirationDate(Instant.now().plusSeconds(30L * 24 * 3600).getEpochSecond())
                .setImageListIdentifier(imageList).setBaseMpuri("https://appdb.egi.eu/store/vm/image/" + id + "/")
                .setAppid("1234");
        return a.setDigest(applianceDigest(a));
    }

    /** The core's appliance digest: SHA-512 over the image-list attributes it covers. */
    static String applianceDigest(Appliance.Builder a) {
        Map<String, Object> attributes = new TreeMap<>();
        attributes.put("dc:identifier", a.getIdentifier());
        attributes.put("ad:mpuri", a.getMpuri());
        attributes.put("dc:date:expires", a.getExpirationDate());
        attributes.put("dc:title", a.getTitle());
        attributes.put("dc:description", a.getDescription());
        attributes.put("ad:group", a.getGroup());
        attributes.put("hv:ram_minimum", a.getRam());
        attributes.put("hv:core_minimum", a.getCore());
        attributes.put("hv:version", a.getVersion());
        attributes.put("sl:arch", a.getArchitecture());
        attributes.put("ad:base_mpuri", a.getBaseMpuri());
        attributes.put("ad:appid", a.getAppid());
        attributes.put("sl:os", a.getOperatingSystem());
        return sha512(new JsonObject(attributes).encode().getBytes(StandardCharsets.UTF_8));
    }

    /** Random image bytes (a stand-in for a converted qcow2). */
    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** The core prepared {@code bytes} as a file in the shared directory: a LOCAL image. */
    static Image local(byte[] bytes) throws Exception {
        Path file = CloudkeeperStackResource.localDir.resolve(UUID.randomUUID() + ".qcow2");
        Files.write(file, bytes);
        return image(bytes).setMode(Image.Mode.LOCAL).setLocation(file.toString()).build();
    }

    /** The core serves {@code bytes} from its (here: the test's) HTTPS server: a REMOTE image. */
    static Image remote(byte[] bytes) {
        String user = UUID.randomUUID().toString();
        String password = UUID.randomUUID().toString();
        String url = CloudkeeperStackResource.serve(UUID.randomUUID() + ".qcow2", bytes, user, password);
        return image(bytes).setMode(Image.Mode.REMOTE).setLocation(url).setUsername(user).setPassword(password).build();
    }

    private static Image.Builder image(byte[] bytes) {
        String upstream = "https://cloud-images.example.org/" + UUID.randomUUID() + ".ova";
        String checksum = sha512(bytes);
        Map<String, Object> attributes = new TreeMap<>();
        attributes.put("hv:uri", upstream);
        attributes.put("sl:checksum:sha512", checksum);
        attributes.put("hv:size", bytes.length);
        attributes.put("hv:version", "1.0");
        return Image.newBuilder().setFormat(Image.Format.QCOW2).setUri(upstream).setChecksum(checksum)
                .setSize(bytes.length)
                .setDigest(sha512(new JsonObject(attributes).encode().getBytes(StandardCharsets.UTF_8)));
    }

    static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
