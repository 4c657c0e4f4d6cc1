package org.nefos.compute.rest;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import org.nefos.compute.domain.ServerVolumes;
import org.nefos.compute.rest.dto.CreateServerRequest;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.json.Requests;
import org.nefos.compute.rest.dto.ServerView;
import org.nefos.compute.rest.dto.ServerAddresses;
import org.nefos.compute.rest.dto.ServerNetworkRequest;
import org.nefos.compute.service.ServerPortService;
import org.nefos.compute.service.ServerService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.json.JsonBodies;

/** Servers (C1–C6, C8, C9, C21–C24). */
@Path("/compute/v2.0/servers")
@Produces(Wire.JSON)
@UserToken
public class ServerResource {

    static final String ID = "/{id: \\d{1,18}}";

    @Inject
    ServerService servers;

    @Inject
    AuthContext auth;

    @Inject
    Links links;

    @Inject
    ServerPortService nics;

    @Inject
    org.nefos.compute.service.VolumeService volumes;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@QueryParam("changes-since") String since) {
        return servers.list(auth.principal(), ChangesSince.parse(since), false)
                .map(l -> Map.of("servers", l.stream().map(s -> ServerView.brief(s, links)).toList()));
    }

    @GET
    @Path("/detail{slash: /?}")
    public Uni<Map<String, Object>> detail(@QueryParam("changes-since") String since) {
        return servers.list(auth.principal(), ChangesSince.parse(since), true)
                .chain(l -> nics.addresses(l).chain(byServer -> volumes.ofServers(l.stream().map(s -> s.id())
                        .toList()).map(v -> Map.of("servers", l.stream()
                        .map(s -> ServerView.of(s, links, null, byServer.getOrDefault(s.id(), ServerAddresses.NONE),
                                v.getOrDefault(s.id(), ServerVolumes.NONE)))
                        .toList()))));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Response> create(@HeaderParam("Content-Type") String type, byte[] body) {
        com.fasterxml.jackson.databind.JsonNode json = JsonBodies.parseObject(type, body);
        CreateServerRequest request = CreateServerRequest.from(json);
        return servers.create(auth.principal(), request, ServerNetworkRequest.from(json))
                .chain(s -> volumes.ofServers(List.of(s.id())).map(v -> Wire.status(202, Map.of("server",
                        ServerView.of(s, links, s.adminPass(), ServerAddresses.NONE,
                                v.getOrDefault(s.id(), ServerVolumes.NONE))))));
    }

    @GET
    @Path(ID)
    public Uni<Map<String, Object>> get(@PathParam("id") long id) {
        return servers.get(auth.principal(), id)
                .chain(s -> nics.addresses(s).chain(a -> volumes.ofServers(List.of(s.id()))
                        .map(v -> Map.of("server", ServerView.of(s, links, null, a,
                                v.getOrDefault(s.id(), ServerVolumes.NONE))))));
    }

    @PUT
    @Path(ID)
    public Uni<Response> rename(@PathParam("id") long id, @HeaderParam("Content-Type") String type, byte[] body) {
        ObjectNode server = Requests.object(JsonBodies.parseObject(type, body), "server");
        return servers.rename(auth.principal(), id, Requests.requiredString(server, "name")).map(v -> Wire.noContent());
    }

    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") long id) {
        return servers.delete(auth.principal(), id).map(v -> Wire.noContent());
    }

    @GET
    @Path(ID + "/ips{slash: /?}")
    public Uni<Map<String, Object>> ips(@PathParam("id") long id) {
        return servers.get(auth.principal(), id).chain(nics::addresses)
                .map(a -> Map.of("addresses", a.addresses(), "attachments", a.attachments()));
    }

    @GET
    @Path(ID + "/ips/{network}")
    public Uni<Map<String, Object>> networkIps(@PathParam("id") long id, @PathParam("network") String network) {
        String token = auth.token();
        return servers.get(auth.principal(), id).chain(s -> nics.ofNetwork(token, s, network))
                .map(entries -> Map.of("network", entries));
    }

    @GET
    @Path(ID + "/diagnostics{slash: /?}")
    public Uni<List<Object>> diagnostics(@PathParam("id") long id) {
        return servers.get(auth.principal(), id).map(s -> List.of());
    }

    @GET
    @Path(ID + "/stats{slash: /?}")
    public Uni<Map<String, Object>> stats(@PathParam("id") long id) {
        return servers.get(auth.principal(), id).map(s -> Map.of("stats", Map.of("serverRef", s.id(),
                "refresh", 60, "cpuBar", "", "cpuTimeSeries", "", "netBar", "", "netTimeSeries", "")));
    }

    @GET
    @Path(ID + "/password{slash: /?}")
    public Uni<Map<String, Object>> password(@PathParam("id") long id) {
        return servers.password(auth.principal(), id).map(p -> Map.of("password", p));
    }

    @DELETE
    @Path(ID + "/password{slash: /?}")
    public Uni<Response> forgetPassword(@PathParam("id") long id) {
        return servers.forgetPassword(auth.principal(), id).map(v -> Wire.noContent());
    }
}
