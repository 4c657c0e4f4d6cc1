package org.nefos.compute.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Block storage version documents (no token needed), under {@code /volume/v2.0} and {@code /volume/v2}. */
@Path("/volume")
@Produces(Wire.JSON)
public class VolumeVersionResource extends VersionDocuments {

    @GET
    @Path("/{version: v2(\\.0)?}{slash: /?}")
    public Map<String, Object> current() {
        return currentDocument();
    }

    @Override
    Map<String, Object> version() {
        return document("2014-01-01T00:00:00+00:00", links.volume(),
                "application/vnd.openstack.volume+json;version=2");
    }
}
