package org.nefos.gateway.grpc;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import oaktree.Common.Location;
import oaktree.Common.Project;
import oaktree.FlavorOuterClass.Flavor;
import oaktree.FloatingIp.FloatingIP;
import oaktree.ImageOuterClass.ContainerFormat;
import oaktree.ImageOuterClass.DiskFormat;
import oaktree.ImageOuterClass.Image;
import org.nefos.oaktree.v1.Address;
import org.nefos.oaktree.v1.Keypair;
import org.nefos.oaktree.v1.Network;
import org.nefos.oaktree.v1.Server;
import org.nefos.oaktree.v1.Volume;

/**
 * Cyclades JSON → the oaktree messages: contract fields by name, everything else of scalar value into
 * {@code properties} (field 99), as shade's normalisation does. Every object gets a filled Location.
 */
final class Mapping {

    private Mapping() {
    }

    static Location location(GrpcConfig config, String project) {
        Location.Builder b = Location.newBuilder().setCloud(config.cloud()).setRegion(config.region());
        if (project != null && !project.isEmpty()) {
            b.setProject(Project.newBuilder().setId(project));
        }
        return b.build();
    }

    static Flavor flavor(JsonNode f, Location location) {
        Flavor.Builder b = Flavor.newBuilder().setLocation(location).setId(text(f, "id")).setName(text(f, "name"))
                .setIsPublic(f.path("os-flavor-access:is_public").asBoolean(true))
                .setDisabled(f.has("SNF:allow_create") && !f.path("SNF:allow_create").asBoolean())
                .setRam(f.path("ram").asInt()).setVcpus(f.path("vcpus").asInt()).setDisk(f.path("disk").asLong())
                .setEphemeral(f.path("OS-FLV-EXT-DATA:ephemeral").asInt()).setSwap(f.path("swap").asLong(0))
                .setRxtxFactor((float) f.path("rxtx_factor").asDouble(1.0));
        properties(f, Set.of("id", "name", "ram", "vcpus", "disk", "swap", "rxtx_factor", "links"), b::putProperties);
        return b.build();
    }

    static Image image(JsonNode i, GrpcConfig config) {
        JsonNode meta = i.path("metadata");
        Image.Builder b = Image.newBuilder().setLocation(location(config, text(i, "tenant_id"))).setId(text(i, "id"))
                .setName(text(i, "name")).setCreatedAt(text(i, "created")).setUpdatedAt(text(i, "updated"))
                .setOwner(text(i, "user_id")).setIsPublic(i.path("public").asBoolean())
                .setSize(i.path("size").asLong(meta.path("size").asLong(0)))
                .setStatus(switch (text(i, "status").toUpperCase()) {
                    case "SAVING" -> Image.Status.saving;
                    case "QUEUED" -> Image.Status.queued;
                    case "DELETED" -> Image.Status.deleted;
                    case "ERROR" -> Image.Status.killed;
                    default -> Image.Status.active;
                })
                .setDiskFormat(diskFormat(meta.path("disk_format").asText(i.path("disk_format").asText("raw"))))
                .setContainerFormat(containerFormat(meta.path("container_format").asText("bare")));
        properties(i, Set.of("id", "name", "created", "updated", "user_id", "public", "status", "links", "size"),
                b::putProperties);
        properties(meta, Set.of(), (k, v) -> b.putProperties("metadata." + k, v));
        return b.build();
    }

    /**
     * An image as Plankton (image-service, {@code /image/v1.0/images/detail}) lists it. Its Plankton disk format
     * (diskdump, ...) has no oaktree enum value: the contract field says raw and {@code properties.disk_format}
     * keeps the real one. {@code locations} holds the {@code pithos://} location of its bytes.
     */
    static Image planktonImage(JsonNode i, GrpcConfig config) {
        Image.Builder b = Image.newBuilder().setLocation(location(config, text(i, "owner"))).setId(text(i, "id"))
                .setName(text(i, "name")).setSize(i.path("size").asLong()).setChecksum(text(i, "checksum"))
                .setCreatedAt(text(i, "created_at")).setUpdatedAt(text(i, "updated_at")).setOwner(text(i, "owner"))
                .setIsPublic(i.path("is_public").asBoolean())
                .setStatus(switch (text(i, "status").toUpperCase()) {
                    case "SAVING", "UNAVAILABLE", "CREATING" -> Image.Status.saving;
                    case "DELETED" -> Image.Status.deleted;
                    case "ERROR" -> Image.Status.killed;
                    default -> Image.Status.active;
                })
                .setDiskFormat(diskFormat(text(i, "disk_format")))
                .setContainerFormat(containerFormat(text(i, "container_format")));
        if (!text(i, "location").isEmpty()) {
            b.addLocations(text(i, "location"));
        }
        properties(i, Set.of("id", "name", "size", "checksum", "created_at", "updated_at", "owner", "is_public",
                "status", "container_format", "location", "properties", "deleted_at"), b::putProperties);
        properties(i.path("properties"), Set.of(), (k, v) -> b.putProperties("properties." + k, v));
        return b.build();
    }

    static Server server(JsonNode s, GrpcConfig config) {
        Server.Builder b = Server.newBuilder().setLocation(location(config, text(s, "tenant_id"))).setId(text(s, "id"))
                .setName(text(s, "name")).setStatus(serverStatus(text(s, "status")))
                .setFlavorId(text(s.path("flavor"), "id")).setImageId(text(s.path("image"), "id"))
                .setKeyName(text(s, "key_name")).setProgress(s.path("progress").asInt()).setOwner(text(s, "user_id"));
        timestamp(s, "created").ifPresent(b::setCreatedAt);
        timestamp(s, "updated").ifPresent(b::setUpdatedAt);
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("metadata").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            b.putMetadata(e.getKey(), e.getValue().asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("addresses").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            for (JsonNode a : e.getValue()) {
                int version = a.path("version").asInt();
                b.addAddresses(Address.newBuilder().setNetworkId(e.getKey()).setAddress(text(a, "addr"))
                        .setVersion(version == 4 ? Address.Version.IPV4 : version == 6 ? Address.Version.IPV6
                                : Address.Version.VERSION_UNSPECIFIED)
                        .setType(a.path("OS-EXT-IPS:type").asText("")));
            }
        }
        properties(s, Set.of("id", "name", "status", "key_name", "progress", "user_id", "created", "updated",
                "links", "adminPass"), b::putProperties);
        return b.build();
    }

    static Server.Status serverStatus(String status) {
        if (status == null || status.isEmpty()) {
            return Server.Status.STATUS_UNSPECIFIED;
        }
        try {
            return Server.Status.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            return Server.Status.UNKNOWN;
        }
    }

    static Network network(JsonNode n, GrpcConfig config) {
        Network.Status status;
        try {
            status = Network.Status.valueOf(text(n, "status").toUpperCase());
        } catch (IllegalArgumentException e) {
            status = Network.Status.STATUS_UNSPECIFIED;
        }
        Network.Builder b = Network.newBuilder().setLocation(location(config, text(n, "tenant_id")))
                .setId(text(n, "id")).setName(text(n, "name")).setStatus(status)
                .setIsPublic(n.path("public").asBoolean()).setIsShared(n.path("shared").asBoolean())
                .setIsExternal(n.path("router:external").asBoolean());
        n.path("subnets").forEach(s -> b.addSubnetIds(s.asText()));
        timestamp(n, "created").ifPresent(b::setCreatedAt);
        timestamp(n, "updated").ifPresent(b::setUpdatedAt);
        properties(n, Set.of("id", "name", "status", "public", "shared", "router:external", "created", "updated",
                "links"), b::putProperties);
        return b.build();
    }

    static Keypair keypair(JsonNode k, Location location) {
        Keypair.Builder b = Keypair.newBuilder().setLocation(location).setName(text(k, "name"))
                .setPublicKey(text(k, "public_key")).setFingerprint(text(k, "fingerprint"))
                .setPrivateKey(text(k, "private_key"));
        properties(k, Set.of("name", "public_key", "fingerprint", "private_key"), b::putProperties);
        return b.build();
    }

    static FloatingIP floatingIp(JsonNode f, GrpcConfig config) {
        String port = text(f, "port_id");
        String status = text(f, "status").toUpperCase();
        FloatingIP.Builder b = FloatingIP.newBuilder().setLocation(location(config, text(f, "tenant_id")))
                .setId(text(f, "id")).setIsAttached(!port.isEmpty() || !text(f, "instance_id").isEmpty())
                .setFixedIpAddress(text(f, "fixed_ip_address")).setFloatingIpAddress(text(f, "floating_ip_address"))
                .setNetwork(text(f, "floating_network_id")).setPort(port)
                .setStatus(status.equals("ERROR") ? FloatingIP.Status.error
                        : status.equals("DOWN") ? FloatingIP.Status.down : FloatingIP.Status.active);
        properties(f, Set.of("id", "fixed_ip_address", "floating_ip_address", "floating_network_id", "port_id",
                "status", "links"), b::putProperties);
        return b.build();
    }

    static Volume volume(JsonNode v, GrpcConfig config) {
        Volume.Builder b = Volume.newBuilder().setLocation(location(config, text(v, "tenant_id"))).setId(text(v, "id"))
                .setName(text(v, "display_name")).setDescription(text(v, "display_description"))
                .setStatus(volumeStatus(text(v, "status"))).setSize(v.path("size").asInt())
                .setVolumeTypeId(text(v, "volume_type")).setImageId(text(v, "image_id"))
                .setSnapshotId(text(v, "snapshot_id")).setDeleteOnTermination(v.path("delete_on_termination").asBoolean())
                .setSharedToProject(v.path("shared_to_project").asBoolean()).setOwner(text(v, "user_id"));
        JsonNode attachment = v.path("attachments").path(0);
        if (!attachment.isMissingNode()) {
            b.setServerId(text(attachment, "server_id")).setDeviceIndex(attachment.path("device_index").asInt());
        }
        timestamp(v, "created_at").ifPresent(b::setCreatedAt);
        for (Iterator<Map.Entry<String, JsonNode>> it = v.path("metadata").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            b.putMetadata(e.getKey(), e.getValue().asText());
        }
        properties(v, Set.of("id", "display_name", "display_description", "status", "size", "volume_type", "image_id",
                "snapshot_id", "delete_on_termination", "shared_to_project", "user_id", "tenant_id", "attachments",
                "created_at", "metadata", "links"), b::putProperties);
        return b.build();
    }

    /** Cyclades' lower-case volume status ({@code in_use}) as the enum; one this API does not know is UNKNOWN. */
    static Volume.Status volumeStatus(String status) {
        if (status.isEmpty()) {
            return Volume.Status.STATUS_UNSPECIFIED;
        }
        try {
            Volume.Status s = Volume.Status.valueOf(status.toUpperCase());
            return s == Volume.Status.UNRECOGNIZED || s == Volume.Status.STATUS_UNSPECIFIED ? Volume.Status.UNKNOWN : s;
        } catch (IllegalArgumentException e) {
            return Volume.Status.UNKNOWN;
        }
    }

    static DiskFormat.DiskFormatChoice diskFormat(String s) {
        try {
            return DiskFormat.DiskFormatChoice.valueOf(s.toLowerCase());
        } catch (IllegalArgumentException e) {
            return DiskFormat.DiskFormatChoice.raw;
        }
    }

    static ContainerFormat.ContainerFormatChoice containerFormat(String s) {
        try {
            return ContainerFormat.ContainerFormatChoice.valueOf(s.toLowerCase());
        } catch (IllegalArgumentException e) {
            return ContainerFormat.ContainerFormatChoice.bare;
        }
    }

    static java.util.Optional<Timestamp> timestamp(JsonNode node, String field) {
        String s = text(node, field);
        if (s.isEmpty()) {
            return java.util.Optional.empty();
        }
        try {
            java.time.Instant t = OffsetDateTime.parse(s).toInstant();
            return java.util.Optional.of(Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build());
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asText();
    }

    /** Scalar values outside the contract, as strings; objects and lists as compact JSON. */
    private static void properties(JsonNode node, Set<String> contract, java.util.function.BiConsumer<String, String> put) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (contract.contains(e.getKey()) || v.isNull()) {
                continue;
            }
            put.accept(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
        }
    }
}
