package org.nefos.compute.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.smallrye.mutiny.Uni;
import org.nefos.platform.json.Requests;
import org.nefos.compute.service.TagService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.json.JsonBodies;

/** Server tags (C15–C20). */
@Path("/compute/v2.0/servers/{id: \\d{1,18}}/tags")
@Produces(Wire.JSON)
@UserToken
public class ServerTagResource {

    @Inject
    TagService tags;

    @Inject
    AuthContext auth;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@PathParam("id") long id) {
        return tags.list(auth.principal(), id).map(all -> Map.of("tags", new ArrayList<>(all.keySet()),
                "statuses", new ArrayList<>(all.values())));
    }

    @PUT
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> replace(@PathParam("id") long id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        List<String> requested = Requests.stringList(JsonBodies.parseObject(type, body).get("tags"), "tags");
        return tags.replace(auth.principal(), id, requested).map(v -> Map.of("tags", requested,
                "statuses", requested.stream().map(t -> "PENDADD").toList()));
    }

    @DELETE
    @Path("{slash: /?}")
    public Uni<Response> deleteAll(@PathParam("id") long id) {
        return tags.delete(auth.principal(), id, null).map(ServerTagResource::removed);
    }

    @GET
    @Path("/{tag}")
    public Uni<Response> check(@PathParam("id") long id, @PathParam("tag") String tag) {
        return tags.list(auth.principal(), id).map(all -> all.containsKey(tag)
                ? Response.noContent().header("tag-status", all.get(tag)).build()
                : Response.status(404).build());
    }

    @PUT
    @Path("/{tag}")
    public Uni<Response> add(@PathParam("id") long id, @PathParam("tag") String tag, UriInfo uri) {
        return tags.add(auth.principal(), id, tag).map(created -> created
                ? Response.status(201).header("Location", uri.getRequestUri().toString()).build()
                : Response.noContent().build());
    }

    @DELETE
    @Path("/{tag}")
    public Uni<Response> delete(@PathParam("id") long id, @PathParam("tag") String tag) {
        return tags.delete(auth.principal(), id, tag).map(ServerTagResource::removed);
    }

    private static Response removed(boolean active) {
        return active ? Response.noContent().build() : Response.status(404).build();
    }
}
