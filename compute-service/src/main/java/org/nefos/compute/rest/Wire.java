package org.nefos.compute.rest;

import jakarta.ws.rs.core.Response;

import org.nefos.platform.fault.Faults;

/** Small helpers shared by the compute resources. */
public final class Wire {

    public static final String JSON = Faults.JSON_UTF8;

    private Wire() {
    }

    public static Response status(int status, Object body) {
        Response.ResponseBuilder b = Response.status(status);
        if (body != null) {
            b.entity(body).type(JSON);
        }
        return b.build();
    }

    public static Response noContent() {
        return Response.noContent().build();
    }
}
