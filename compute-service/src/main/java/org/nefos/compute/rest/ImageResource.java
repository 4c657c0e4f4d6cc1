package org.nefos.compute.rest;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

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

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import org.nefos.compute.client.ImageClient;
import org.nefos.compute.domain.Image;
import org.nefos.compute.rest.dto.ImageView;
import org.nefos.platform.json.ChangesSince;
import org.nefos.platform.json.Requests;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.json.JsonBodies;

/** Images through compute (C33–C42), from the {@link ImageClient}. */
@Path("/compute/v2.0/images")
@Produces(Wire.JSON)
@UserToken
public class ImageResource {

    private static final String ID = "/{id: [\\w-]+}";

    @Inject
    ImageClient images;

    @Inject
    AuthContext auth;

    @Inject
    Links links;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@QueryParam("changes-since") String since) {
        Instant after = ChangesSince.parse(since);
        return images.list(auth.token()).map(l -> Map.of("images", l.stream()
                .filter(i -> after == null || !i.updated().isBefore(after)).map(ImageView::brief).toList()));
    }

    @GET
    @Path("/detail{slash: /?}")
    public Uni<Map<String, Object>> detail(@QueryParam("changes-since") String since) {
        Instant after = ChangesSince.parse(since);
        return images.list(auth.token()).map(l -> Map.of("images", l.stream()
                .filter(i -> after == null || !i.updated().isBefore(after)).map(i -> ImageView.of(i, links))
                .toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Response create() {
        throw new FaultException(Fault.NOT_IMPLEMENTED, "Registering images through compute is not supported.");
    }

    @GET
    @Path(ID)
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return image(id).map(i -> Map.of("image", ImageView.of(i, links)));
    }

    /** Unregisters the image on image-service (its owner only; the Pithos object stays). */
    @DELETE
    @Path(ID)
    public Uni<Response> delete(@PathParam("id") String id) {
        return image(id).chain(i -> images.unregister(auth.token(), id)).map(v -> Wire.noContent());
    }

    @GET
    @Path(ID + "/metadata{slash: /?}")
    public Uni<Map<String, Object>> metadata(@PathParam("id") String id) {
        return image(id).map(i -> Map.of("metadata", i.properties()));
    }

    @POST
    @Path(ID + "/metadata{slash: /?}")
    public Uni<Response> updateMetadata(@PathParam("id") String id, @HeaderParam("Content-Type") String type,
            byte[] body) {
        JsonNode json = JsonBodies.parseObject(type, body);
        if (!json.has("metadata") || !json.get("metadata").isObject()) {
            throw FaultException.badRequest("Malformed request: missing 'metadata' object");
        }
        Map<String, String> items = Requests.stringMap(json.get("metadata"), "metadata");
        return image(id).chain(i -> {
            Map<String, String> merged = new TreeMap<>(i.properties());
            merged.putAll(items);
            return images.setProperties(auth.token(), id, merged);
        }).map(i -> Wire.status(201, Map.of("metadata", i.properties())));
    }

    /** Cyclades routes the collection for GET and POST only: 405 with {@code Allow}, not 400. */
    @PUT
    @Path(ID + "/metadata{slash: /?}")
    public Response replaceMetadata(@PathParam("id") String id) {
        throw FaultException.notAllowed("Method not allowed", "GET,POST");
    }

    @DELETE
    @Path(ID + "/metadata{slash: /?}")
    public Response deleteMetadata(@PathParam("id") String id) {
        throw FaultException.notAllowed("Method not allowed", "GET,POST");
    }

    @GET
    @Path(ID + "/metadata/{key}")
    public Uni<Map<String, Object>> metadataItem(@PathParam("id") String id, @PathParam("key") String key) {
        return image(id).map(i -> {
            if (!i.properties().containsKey(key)) {
                throw FaultException.notFound("Metadata key not found.");
            }
            return Map.of("meta", Map.of(key, i.properties().get(key)));
        });
    }

    @PUT
    @Path(ID + "/metadata/{key}")
    public Uni<Response> putMetadataItem(@PathParam("id") String id, @PathParam("key") String key,
            @HeaderParam("Content-Type") String type, byte[] body) {
        Map<String, String> meta = Requests.stringMap(Requests.object(JsonBodies.parseObject(type, body), "meta"),
                "meta");
        if (meta.size() != 1 || !meta.containsKey(key)) {
            throw FaultException.badRequest("Malformed request: 'meta' must hold exactly the key of the URL");
        }
        return image(id).chain(i -> {
            Map<String, String> merged = new TreeMap<>(i.properties());
            merged.putAll(meta);
            return images.setProperties(auth.token(), id, merged);
        }).map(i -> Wire.status(201, Map.of("meta", meta)));
    }

    @DELETE
    @Path(ID + "/metadata/{key}")
    public Uni<Response> deleteMetadataItem(@PathParam("id") String id, @PathParam("key") String key) {
        return image(id).chain(i -> {
            Map<String, String> left = new TreeMap<>(i.properties());
            left.remove(key);
            return images.setProperties(auth.token(), id, left);
        }).map(i -> Wire.noContent());
    }

    private Uni<Image> image(String id) {
        return images.get(auth.token(), id).map(i -> {
            if (i == null) {
                throw FaultException.notFound("Image not found.");
            }
            return i;
        });
    }
}
