package org.nefos.gateway.grpc;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Empty;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import oaktree.Common.Filter;
import oaktree.FloatingIp.FloatingIP;
import org.nefos.gateway.routing.Service;
import org.nefos.oaktree.v1.Capabilities;
import org.nefos.oaktree.v1.CapabilitiesRequest;
import org.nefos.oaktree.v1.CreateFloatingIPRequest;
import org.nefos.oaktree.v1.CreateKeypairRequest;
import org.nefos.oaktree.v1.CreateServerRequest;
import org.nefos.oaktree.v1.DeleteRequest;
import org.nefos.oaktree.v1.Keypair;
import org.nefos.oaktree.v1.KeypairList;
import org.nefos.oaktree.v1.Network;
import org.nefos.oaktree.v1.NetworkList;
import org.nefos.oaktree.v1.Oaktree;
import org.nefos.oaktree.v1.OaktreeGrpc;
import org.nefos.oaktree.v1.Server;
import org.nefos.oaktree.v1.ServerEvent;
import org.nefos.oaktree.v1.ServerList;
import org.nefos.oaktree.v1.CreateVolumeRequest;
import org.nefos.oaktree.v1.Volume;
import org.nefos.oaktree.v1.VolumeList;
import org.nefos.oaktree.v1.WaitForServerRequest;
import org.nefos.oaktree.v1.WatchServerRequest;

/** {@code oaktree.v1.Oaktree}: servers with watch and wait, networks, keypairs, floating IPs, capabilities. */
@GrpcService
public class OaktreeV1Service implements Oaktree {

    private final Resources resources;
    private final ServerWatch watch;
    private final GrpcConfig config;

    @Inject
    public OaktreeV1Service(Resources resources, ServerWatch watch, GrpcConfig config) {
        this.resources = resources;
        this.watch = watch;
        this.config = config;
    }

    // ---- servers

    @Override
    public Uni<Server> getServer(Filter request) {
        return resources.get(request, resources::servers, "server");
    }

    @Override
    public Uni<ServerList> listServers(Filter request) {
        return resources.list(request, resources::servers,
                p -> ServerList.newBuilder().addAllServers(p.items()).setNextPageToken(p.nextToken()).build());
    }

    @Override
    public Uni<Server> createServer(CreateServerRequest request) {
        return resources.caller(request.getLocation()).chain(c -> {
            if (request.getName().isBlank() || request.getFlavorId().isBlank() || request.getImageId().isBlank()) {
                throw GrpcErrors.invalid("name, flavor_id and image_id are required");
            }
            ObjectNode s = ServiceCalls.JSON.createObjectNode().put("name", request.getName())
                    .put("flavorRef", request.getFlavorId()).put("imageRef", request.getImageId());
            if (!request.getKeyName().isEmpty()) {
                s.put("key_name", request.getKeyName());
            }
            if (c.projectGiven()) {
                s.put("project", c.project());
            }
            if (!request.getMetadataMap().isEmpty()) {
                ObjectNode meta = s.putObject("metadata");
                request.getMetadataMap().forEach(meta::put);
            }
            if (request.getNetworksCount() > 0) {
                var nets = s.putArray("networks");
                request.getNetworksList().forEach(n -> nets.addObject().put("uuid", n));
            }
            ObjectNode body = ServiceCalls.JSON.createObjectNode();
            body.set("server", s);
            return resources.calls().call(Service.COMPUTE, HttpMethod.POST, "/compute/v2.0/servers", c.token(), body)
                    .chain(created -> resources.server(c, Mapping.text(created.path("server"), "id")));
        }).onFailure().transform(GrpcErrors::map);
    }

    @Override
    public Uni<Empty> deleteServer(DeleteRequest request) {
        return delete(request, resources::servers, "server", s -> "/compute/v2.0/servers/" + s.getId(), Service.COMPUTE);
    }

    @Override
    public Multi<ServerEvent> watchServer(WatchServerRequest request) {
        return resources.caller(request.getLocation()).onItem()
                .transformToMulti(c -> watch.watch(c, request.getId()))
                .onFailure().transform(GrpcErrors::map);
    }

    @Override
    public Uni<Server> waitForServer(WaitForServerRequest request) {
        Set<Server.Status> wanted = request.getStatusesCount() == 0 ? EnumSet.of(Server.Status.ACTIVE)
                : EnumSet.copyOf(request.getStatusesList());
        if (wanted.contains(Server.Status.UNRECOGNIZED) || wanted.contains(Server.Status.STATUS_UNSPECIFIED)) {
            return Uni.createFrom().failure(GrpcErrors.invalid("statuses must name Server.Status values"));
        }
        if (request.getTimeoutSeconds() > config.maxWait().toSeconds()) {
            return Uni.createFrom().failure(GrpcErrors.invalid("timeout_seconds is at most " + config.maxWait().toSeconds()));
        }
        Duration timeout = timeout(request.getTimeoutSeconds());
        return resources.caller(request.getLocation()).chain(c -> watch.watch(c, request.getId())
                .filter(e -> wanted.contains(e.getNewStatus()) || e.getNewStatus() == Server.Status.ERROR
                        || e.getKind() == ServerEvent.Kind.DELETED)
                .toUni()
                .ifNoItem().after(timeout).failWith(() -> GrpcErrors.of(Status.DEADLINE_EXCEEDED,
                        "Server " + request.getId() + " did not reach " + wanted + " within " + timeout.toSeconds() + "s"))
                .chain(e -> {
                    if (!wanted.contains(e.getNewStatus())) {
                        throw GrpcErrors.of(Status.FAILED_PRECONDITION, "Server " + request.getId() + " is "
                                + e.getNewStatus() + ", not " + wanted);
                    }
                    return e.hasServer() ? Uni.createFrom().item(e.getServer()) : resources.server(c, request.getId());
                })).onFailure().transform(GrpcErrors::map);
    }

    private Duration timeout(int seconds) {
        if (seconds > 0) {
            return Duration.ofSeconds(seconds);
        }
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null) {
            return Duration.ofMillis(Math.max(1, Math.min(deadline.timeRemaining(TimeUnit.MILLISECONDS),
                    config.maxWait().toMillis())));
        }
        return config.defaultWait();
    }

    // ---- networks

    @Override
    public Uni<Network> getNetwork(Filter request) {
        return resources.get(request, resources::networks, "network");
    }

    @Override
    public Uni<NetworkList> listNetworks(Filter request) {
        return resources.list(request, resources::networks,
                p -> NetworkList.newBuilder().addAllNetworks(p.items()).setNextPageToken(p.nextToken()).build());
    }

    // ---- keypairs

    @Override
    public Uni<Keypair> getKeypair(Filter request) {
        return resources.get(request, resources::keypairs, "keypair");
    }

    @Override
    public Uni<KeypairList> listKeypairs(Filter request) {
        return resources.list(request, resources::keypairs,
                p -> KeypairList.newBuilder().addAllKeypairs(p.items()).setNextPageToken(p.nextToken()).build());
    }

    @Override
    public Uni<Keypair> createKeypair(CreateKeypairRequest request) {
        return resources.caller(request.getLocation()).chain(c -> {
            if (request.getName().isBlank()) {
                throw GrpcErrors.invalid("name is required");
            }
            ObjectNode k = ServiceCalls.JSON.createObjectNode().put("name", request.getName());
            if (!request.getPublicKey().isEmpty()) {
                k.put("public_key", request.getPublicKey());
            }
            ObjectNode body = ServiceCalls.JSON.createObjectNode();
            body.set("keypair", k);
            return resources.calls().call(Service.COMPUTE, HttpMethod.POST, "/compute/v2.0/os-keypairs", c.token(), body)
                    .map(j -> Mapping.keypair(j.path("keypair"), c.location(config)));
        }).onFailure().transform(GrpcErrors::map);
    }

    @Override
    public Uni<Empty> deleteKeypair(DeleteRequest request) {
        return delete(request, resources::keypairs, "keypair",
                k -> "/compute/v2.0/os-keypairs/" + java.net.URLEncoder.encode(k.getName(),
                        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), Service.COMPUTE);
    }

    // ---- floating IPs

    @Override
    public Uni<FloatingIP> createFloatingIP(CreateFloatingIPRequest request) {
        return resources.caller(request.getLocation()).chain(c -> {
            ObjectNode f = ServiceCalls.JSON.createObjectNode();
            if (!request.getFloatingNetworkId().isEmpty()) {
                f.put("floating_network_id", request.getFloatingNetworkId());
            }
            if (c.projectGiven()) {
                f.put("project", c.project());
            }
            ObjectNode body = ServiceCalls.JSON.createObjectNode();
            body.set("floatingip", f);
            return resources.calls().call(Service.NETWORK, HttpMethod.POST, "/network/v2.0/floatingips", c.token(), body)
                    .map(j -> Mapping.floatingIp(j.path("floatingip"), config));
        }).onFailure().transform(GrpcErrors::map);
    }

    @Override
    public Uni<Empty> deleteFloatingIP(DeleteRequest request) {
        return delete(request, resources::floatingIps, "floating IP",
                f -> "/network/v2.0/floatingips/" + f.getId(), Service.NETWORK);
    }

    // ---- volumes

    @Override
    public Uni<Volume> getVolume(Filter request) {
        return resources.get(request, resources::volumes, "volume");
    }

    @Override
    public Uni<VolumeList> listVolumes(Filter request) {
        return resources.list(request, resources::volumes,
                p -> VolumeList.newBuilder().addAllVolumes(p.items()).setNextPageToken(p.nextToken()).build());
    }

    @Override
    public Uni<Volume> createVolume(CreateVolumeRequest request) {
        return resources.caller(request.getLocation()).chain(c -> {
            ObjectNode v = volumeBody(request);
            if (c.projectGiven()) {
                v.put("project", c.project());
            }
            Uni<ObjectNode> typed = v.has("volume_type") || v.has("server_id") ? Uni.createFrom().item(v)
                    : detachableType(c).map(type -> v.put("volume_type", type));
            return typed.chain(volume -> {
                ObjectNode body = ServiceCalls.JSON.createObjectNode();
                body.set("volume", volume);
                return resources.calls().call(Service.COMPUTE, HttpMethod.POST, Resources.VOLUMES, c.token(), body);
            }).chain(created -> resources.volume(c, Mapping.text(created.path("volume"), "id")));
        }).onFailure().transform(GrpcErrors::map);
    }

    /** Cyclades' create body from the request; bad fields are INVALID_ARGUMENT before anything is called. */
    private static ObjectNode volumeBody(CreateVolumeRequest request) {
        if (request.getName().isBlank()) {
            throw GrpcErrors.invalid("name is required");
        }
        if (request.getSize() < 1) {
            throw GrpcErrors.invalid("size (GiB) must be at least 1");
        }
        ObjectNode v = ServiceCalls.JSON.createObjectNode().put("size", request.getSize())
                .put("display_name", request.getName());
        if (!request.getDescription().isEmpty()) {
            v.put("display_description", request.getDescription());
        }
        if (!request.getVolumeTypeId().isEmpty()) {
            v.put("volume_type", numericId(request.getVolumeTypeId(), "volume_type_id"));
        }
        if (!request.getServerId().isEmpty()) {
            v.put("server_id", numericId(request.getServerId(), "server_id"));
        }
        if (!request.getImageId().isEmpty()) {
            v.put("imageRef", request.getImageId());
        }
        if (request.getSharedToProject()) {
            v.put("shared_to_project", true);
        }
        return v;
    }

    private static long numericId(String id, String field) {
        if (!id.matches("\\d{1,18}")) {
            throw GrpcErrors.invalid(field + " must be a numeric id");
        }
        return Long.parseLong(id);
    }

    /** The first detachable volume type (what a volume without a server needs), as OCCI's storage does. */
    private Uni<Long> detachableType(Caller c) {
        return resources.calls().get(Service.COMPUTE, "/volume/v2.0/types", c.token()).map(types -> {
            for (JsonNode t : types.path("volume_types")) {
                if (t.path("SNF:detachable").asBoolean() && !t.path("deleted").asBoolean()) {
                    return t.path("id").asLong();
                }
            }
            throw GrpcErrors.of(Status.FAILED_PRECONDITION,
                    "No detachable volume type is offered: give server_id to create the volume attached");
        });
    }

    @Override
    public Uni<Empty> deleteVolume(DeleteRequest request) {
        return delete(request, resources::volumes, "volume", v -> Resources.VOLUMES + "/" + v.getId(), Service.COMPUTE);
    }

    // ---- images

    @Override
    public Uni<Empty> deleteImage(DeleteRequest request) {
        return delete(request, resources::registeredImages, "image", i -> Resources.PLANKTON + "/" + i.getId(),
                Service.IMAGE);
    }

    // ---- capabilities

    @Override
    public Uni<Capabilities> getCapabilities(CapabilitiesRequest request) {
        return resources.caller(request.getLocation()).map(c -> {
            Capabilities.Builder b = Capabilities.newBuilder().setLocation(c.location(config))
                    .addRegions(config.region())
                    .addAllDiskFormats(PithosImages.DISK_FORMATS.stream().sorted().toList())
                    .addAllContainerFormats(PithosImages.CONTAINER_FORMATS.stream().sorted().toList())
                    .setDefaultPageSize(config.defaultPageSize()).setMaxPageSize(config.maxPageSize())
                    .setMaxWaitSeconds((int) config.maxWait().toSeconds())
                    .addAllAuthMetadata(List.of("x-auth-token", "authorization"));
            OaktreeGrpc.getServiceDescriptor().getMethods().forEach(m -> b.addRpcs(m.getFullMethodName()));
            org.nefos.oaktree.v1.ImageTransferGrpc.getServiceDescriptor().getMethods()
                    .forEach(m -> b.addRpcs(m.getFullMethodName()));
            org.openstack.infra.oaktree.OaktreeGrpc.getServiceDescriptor().getMethods()
                    .forEach(m -> b.addRpcs(m.getFullMethodName()));
            return b.build();
        }).onFailure().transform(GrpcErrors::map);
    }

    // ---- shared

    /** Resolves name_or_id to exactly one object (NOT_FOUND / FAILED_PRECONDITION), then deletes it. */
    private <M extends com.google.protobuf.Message> Uni<Empty> delete(DeleteRequest request,
            Function<Caller, Uni<List<M>>> source, String kind, Function<M, String> path, Service service) {
        if (request.getNameOrId().isEmpty()) {
            return Uni.createFrom().failure(GrpcErrors.invalid("name_or_id is required"));
        }
        Filter filter = Filter.newBuilder().setNameOrId(request.getNameOrId()).build();
        return resources.caller(request.getLocation()).chain(c -> source.apply(c)
                .map(all -> Listing.one(all, filter, kind))
                .chain(m -> resources.calls().call(service, HttpMethod.DELETE, path.apply(m), c.token(), null)))
                .map(ignored -> Empty.getDefaultInstance())
                .onFailure().transform(GrpcErrors::map);
    }
}
