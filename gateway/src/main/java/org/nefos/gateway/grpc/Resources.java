package org.nefos.gateway.grpc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import oaktree.Common.Location;
import oaktree.FlavorOuterClass.Flavor;
import oaktree.FloatingIp.FloatingIP;
import oaktree.ImageOuterClass.Image;
import org.nefos.gateway.edge.EdgeAuth;
import org.nefos.gateway.routing.PrefixRoutes;
import org.nefos.gateway.routing.Service;
import org.nefos.oaktree.v1.Keypair;
import org.nefos.oaktree.v1.Network;
import org.nefos.oaktree.v1.Server;
import org.nefos.oaktree.v1.Volume;

/** The domain calls behind both gRPC services: each reads the caller's view from the owning service. */
@ApplicationScoped
public class Resources {

    static final String VOLUMES = "/volume/v2.0/volumes";
    static final String PLANKTON = "/image/v1.0/images";

    final GrpcConfig config;
    final ServiceCalls calls;
    private final EdgeAuth auth;
    private final PrefixRoutes routes;
    private final io.vertx.core.http.HttpClient client;

    @Inject
    public Resources(GrpcConfig config, PrefixRoutes routes, EdgeAuth auth, Vertx vertx) {
        this.config = config;
        this.auth = auth;
        this.routes = routes;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(16));
        this.calls = new ServiceCalls(client, routes, config.timeout().toMillis());
    }

    GrpcConfig config() {
        return config;
    }

    /** Through methods, never fields: callers hold the CDI client proxy, whose fields are not set. */
    ServiceCalls calls() {
        return calls;
    }

    /** The upstream client, for the calls that stream bytes rather than JSON (image transfer). */
    io.vertx.core.http.HttpClient client() {
        return client;
    }

    /** Where {@code service} listens; UNAVAILABLE when this gateway has none configured. */
    org.nefos.gateway.routing.Upstream upstream(Service service) {
        return routes.upstream(service).orElseThrow(() -> GrpcErrors.of(io.grpc.Status.UNAVAILABLE,
                service.displayName() + " is not configured"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Verifies the token of the current call for {@code location}. The token is read now, on the calling thread
     * (where the call's gRPC context is); the verification runs when the Uni is subscribed.
     */
    Uni<Caller> caller(Location location) {
        return caller(CallerToken.current(), location);
    }

    /** Verifies a token read earlier from the call's context (for streaming calls, whose later steps run elsewhere). */
    Uni<Caller> caller(String token, Location location) {
        return Caller.of(token, auth, location, config);
    }

    /** Get semantics shared by both services: exactly one match of the filter (see {@link Listing}). */
    <M extends com.google.protobuf.Message> Uni<M> get(oaktree.Common.Filter request,
            Function<Caller, Uni<List<M>>> source, String kind) {
        Uni<Caller> caller = caller(request.getLocation());
        return Uni.createFrom().item(request).invoke(Listing::checkFilter).chain(() -> caller).chain(c -> source.apply(c))
                .map(all -> Listing.one(all, request, kind))
                .onFailure().transform(GrpcErrors::map);
    }

    /** List semantics shared by both services: filtered, one page, wrapped by {@code answer}. */
    <M extends com.google.protobuf.Message, L> Uni<L> list(oaktree.Common.Filter request,
            Function<Caller, Uni<List<M>>> source, Function<Listing.Page<M>, L> answer) {
        Uni<Caller> caller = caller(request.getLocation());
        return Uni.createFrom().item(request).invoke(r -> Listing.checkList(r, config)).chain(() -> caller)
                .chain(c -> source.apply(c))
                .map(all -> answer.apply(Listing.page(all, request, config)))
                .onFailure().transform(GrpcErrors::map);
    }

    Uni<List<Flavor>> flavors(Caller c) {
        Location at = c.location(config);
        return list(c, Service.COMPUTE, "/compute/v2.0/flavors/detail", "flavors", f -> Mapping.flavor(f, at));
    }

    /**
     * The images compute offers for servers, then those registered in Plankton (image-service) that compute
     * does not list, when this gateway fronts an image-service.
     */
    Uni<List<Image>> images(Caller c) {
        Uni<List<Image>> compute = list(c, Service.COMPUTE, "/compute/v2.0/images/detail", "images",
                i -> Mapping.image(i, config));
        if (routes.upstream(Service.IMAGE).isEmpty()) {
            return compute;
        }
        return Uni.combine().all().unis(compute, registeredImages(c)).asTuple().map(both -> {
            List<Image> all = new ArrayList<>(both.getItem1());
            java.util.Set<String> ids = new java.util.HashSet<>(all.stream().map(Image::getId).toList());
            both.getItem2().stream().filter(i -> !ids.contains(i.getId())).forEach(all::add);
            return all;
        });
    }

    /** The images registered in Plankton that the caller may see, each with the pithos:// location of its bytes. */
    Uni<List<Image>> registeredImages(Caller c) {
        return list(c, Service.IMAGE, PLANKTON + "/detail", "images", i -> Mapping.planktonImage(i, config));
    }

    Uni<List<Server>> servers(Caller c) {
        return list(c, Service.COMPUTE, "/compute/v2.0/servers/detail", "servers", s -> Mapping.server(s, config))
                .map(all -> inProject(c, all, s -> s.getLocation()));
    }

    Uni<Server> server(Caller c, String id) {
        if (!id.matches("\\d{1,18}")) {
            return Uni.createFrom().failure(GrpcErrors.notFound("Server " + id + " not found"));
        }
        return calls.get(Service.COMPUTE, "/compute/v2.0/servers/" + id, c.token())
                .map(j -> Mapping.server(j.path("server"), config));
    }

    Uni<List<Network>> networks(Caller c) {
        return list(c, Service.NETWORK, "/network/v2.0/networks", "networks", n -> Mapping.network(n, config));
    }

    Uni<List<Keypair>> keypairs(Caller c) {
        Location at = c.location(config);
        return list(c, Service.COMPUTE, "/compute/v2.0/os-keypairs", "keypairs",
                k -> Mapping.keypair(k.has("keypair") ? k.path("keypair") : k, at));
    }

    Uni<List<FloatingIP>> floatingIps(Caller c) {
        return list(c, Service.NETWORK, "/network/v2.0/floatingips", "floatingips", f -> Mapping.floatingIp(f, config))
                .map(all -> inProject(c, all, f -> f.getLocation()));
    }

    Uni<List<Volume>> volumes(Caller c) {
        return list(c, Service.COMPUTE, VOLUMES + "/detail", "volumes", v -> Mapping.volume(v, config))
                .map(all -> inProject(c, all, v -> v.getLocation()));
    }

    Uni<Volume> volume(Caller c, String id) {
        if (!id.matches("\\d{1,18}")) {
            return Uni.createFrom().failure(GrpcErrors.notFound("Volume " + id + " not found"));
        }
        return calls.get(Service.COMPUTE, VOLUMES + "/" + id, c.token()).map(j -> Mapping.volume(j.path("volume"), config));
    }

    private <M> Uni<List<M>> list(Caller c, Service service, String path, String key, Function<JsonNode, M> map) {
        return calls.get(service, path, c.token()).map(json -> {
            List<M> out = new ArrayList<>();
            for (JsonNode n : json.path(key)) {
                out.add(map.apply(n));
            }
            return out;
        });
    }

    /** With a project in the request's Location, only that project's objects. */
    private static <M> List<M> inProject(Caller c, List<M> all, Function<M, Location> where) {
        if (!c.projectGiven()) {
            return all;
        }
        return all.stream().filter(m -> c.project().equals(where.apply(m).getProject().getId())).toList();
    }
}
