package org.nefos.image.rest;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import org.nefos.image.config.ImageConfig;
import org.nefos.image.domain.ImageMeta;
import org.nefos.image.repository.ImageRepository;
import org.nefos.image.service.ImageService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;

/** Plankton (pithos-plankton-api.md 6.1, I1–I12), also under the {@code /image/v1} alias, and the version document. */
@Path("/image")
@Produces(Views.JSON)
public class ImageResource {

    /** The API root segment: {@code v1.0}, or its alias {@code v1}. */
    static final String V = "/{version: v1(?:\\.0)?}";

    /** Glance's header for "replace the properties" on update; Plankton itself only adds and overwrites. */
    static final String PURGE_PROPS = "x-glance-registry-purge-props";

    @Inject
    ImageService images;

    @Inject
    AuthContext auth;

    @GET
    @UserToken
    @Path(V + "/images{slash: /?}")
    public Uni<Map<String, Object>> list(@Context UriInfo uri) {
        return listed(uri, false);
    }

    @GET
    @UserToken
    @Path(V + "/images/detail{slash: /?}")
    public Uni<Map<String, Object>> detail(@Context UriInfo uri) {
        return listed(uri, true);
    }

    /**
     * The filters {@code name}, {@code container_format}, {@code disk_format}, {@code status} are accepted and
     * ignored, as upstream; {@code size_min}/{@code size_max} must be integers (else 400) and are ignored too.
     */
    private Uni<Map<String, Object>> listed(UriInfo uri, boolean detail) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String sortKey = q.getFirst("sort_key");
        String sortDir = q.getFirst("sort_dir");
        integer(q, "size_min");
        integer(q, "size_max");
        String key = sortKey == null ? "created_at" : sortKey;
        if (!ImageRepository.sortable(key)) {
            throw FaultException.badRequest("Invalid sort_key '" + key + "'");
        }
        String dir = sortDir == null ? "desc" : sortDir;
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw FaultException.badRequest("Invalid sort_dir '" + dir + "'");
        }
        return images.list(auth.userId(), key, dir.equals("asc")).map(l -> Map.of("images",
                l.stream().map(detail ? Views::detail : Views::brief).toList()));
    }

    private static void integer(MultivaluedMap<String, String> q, String name) {
        if (!q.containsKey(name)) {
            return;
        }
        String value = q.getFirst(name);
        try {
            Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            throw FaultException.badRequest("Invalid " + name + ": not an integer");
        }
    }

    /** I3: 200, empty body, the image as headers. */
    @POST
    @UserToken
    @Path(V + "/images{slash: /?}")
    public Uni<Response> register(@Context HttpHeaders headers) {
        return images.register(auth.userId(), auth.token(), meta(headers)).map(Views::headers);
    }

    @HEAD
    @UserToken
    @Path(V + "/images/{id}")
    public Uni<Response> head(@PathParam("id") String id) {
        return images.get(auth.userId(), id).map(Views::headers);
    }

    /** I5: image data is read from Pithos, not through Plankton. */
    @GET
    @UserToken
    @Path(V + "/images/{id}")
    public Response data(@PathParam("id") String id) {
        throw new FaultException(Fault.NOT_IMPLEMENTED, "Not Implemented");
    }

    @PUT
    @UserToken
    @Path(V + "/images/{id}")
    public Uni<Response> update(@PathParam("id") String id, @Context HttpHeaders headers,
            @HeaderParam(PURGE_PROPS) String purge) {
        return images.update(auth.userId(), auth.token(), id, meta(headers), "true".equalsIgnoreCase(purge))
                .map(Views::headers);
    }

    @DELETE
    @UserToken
    @Path(V + "/images/{id}")
    public Uni<Response> unregister(@PathParam("id") String id) {
        return images.unregister(auth.userId(), id).map(v -> Response.noContent().type(Views.JSON).build());
    }

    @GET
    @UserToken
    @Path(V + "/images/{id}/members{slash: /?}")
    public Uni<Map<String, Object>> members(@PathParam("id") String id) {
        return images.get(auth.userId(), id).map(i -> Map.of("members", i.members().stream()
                .map(m -> Map.<String, Object>of("member_id", m, "can_share", false)).toList()));
    }

    /** I9: {@code {"memberships": [{"member_id": ..., "can_share": ...}, ...]}}. */
    @PUT
    @UserToken
    @Path(V + "/images/{id}/members{slash: /?}")
    public Uni<Response> setMembers(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        JsonNode memberships = JsonBodies.parseObject(type, body).get("memberships");
        if (memberships == null || !memberships.isArray()) {
            throw FaultException.badRequest("Malformed request: 'memberships' must be a list");
        }
        List<String> members = new ArrayList<>();
        for (JsonNode m : memberships) {
            JsonNode member = m.isObject() ? m.get("member_id") : null;
            if (member == null || !member.isTextual() || !validMember(member.asText())) {
                throw FaultException.badRequest("Malformed request: every membership needs a 'member_id'");
            }
            members.add(member.asText());
        }
        return images.setMembers(auth.userId(), auth.token(), id, members).map(i -> noContent());
    }

    @PUT
    @UserToken
    @Path(V + "/images/{id}/members/{member}")
    public Uni<Response> addMember(@PathParam("id") String id, @PathParam("member") String member) {
        return images.addMember(auth.userId(), auth.token(), id, checkedMember(member)).map(i -> noContent());
    }

    @DELETE
    @UserToken
    @Path(V + "/images/{id}/members/{member}")
    public Uni<Response> removeMember(@PathParam("id") String id, @PathParam("member") String member) {
        return images.removeMember(auth.userId(), auth.token(), id, checkedMember(member)).map(i -> noContent());
    }

    /** I12: images owned by {@code member} and shared (not publicly) with the caller. */
    @GET
    @UserToken
    @Path(V + "/shared-images/{member}")
    public Uni<Map<String, Object>> shared(@PathParam("member") String member) {
        return images.sharedBy(auth.userId(), checkedMember(member)).map(l -> Map.of("shared_images", l.stream()
                .map(i -> Map.<String, Object>of("image_id", i.id().toString(), "can_share", false)).toList()));
    }

    @Inject
    ImageConfig config;

    @GET
    @Path("{slash: /?}")
    public Map<String, Object> versions() {
        return versionDocument();
    }

    @GET
    @Path("/versions{slash: /?}")
    public Map<String, Object> versionsAlias() {
        return versionDocument();
    }

    /** {@code GET /image} and {@code /image/versions} (no token needed). */
    private Map<String, Object> versionDocument() {
        return Map.of("versions", List.of(Map.of("id", "v1.0", "status", "CURRENT", "updated", "2012-11-26T00:00:00Z",
                "links", List.of(Map.of("rel", "self", "href", config.publicUrl().replaceAll("/+$", "") + "/image/v1.0/")))));
    }

    private static Response noContent() {
        return Response.noContent().type(Views.JSON).build();
    }

    /** {@code {member}} matches {@code [\w@._-]+} upstream; anything else is an unknown path (400). */
    private static String checkedMember(String member) {
        if (!validMember(member)) {
            throw FaultException.badRequest("API endpoint not found");
        }
        return member;
    }

    private static boolean validMember(String member) {
        return member.matches("[\\w@._-]+");
    }

    private static ImageMeta meta(HttpHeaders headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        headers.getRequestHeaders().forEach((name, values) -> values
                .forEach(v -> entries.add(new AbstractMap.SimpleEntry<>(name, v))));
        return ImageMeta.from(entries);
    }
}
