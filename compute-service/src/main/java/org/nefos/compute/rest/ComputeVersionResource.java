package org.nefos.compute.rest;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** Version documents (no token needed). */
@Path("/compute")
@Produces(Wire.JSON)
public class ComputeVersionResource extends VersionDocuments {

    @GET
    @Path("/v2.0{slash: /?}")
    public Map<String, Object> current() {
        return currentDocument();
    }

    @Override
    Map<String, Object> version() {
        return document("2011-01-21T11:33:21-06:00", links.compute(), "application/vnd.openstack.compute.v2+json");
    }
}
