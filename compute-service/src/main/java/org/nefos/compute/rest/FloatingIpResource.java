package org.nefos.compute.rest;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import org.nefos.compute.rest.dto.FloatingIpView;
import org.nefos.compute.service.FloatingIpService;
import org.nefos.platform.auth.AuthContext;
import org.nefos.platform.auth.UserToken;
import org.nefos.platform.json.ChangesSince;

/**
 * Compute floating IPs (C47–C50). POST ignores its body and answers 200; GET of one IP answers the network
 * form under {@code floatingip}, as upstream does.
 */
@Path("/compute/v2.0/os-floating-ips")
@Produces(Wire.JSON)
@UserToken
public class FloatingIpResource {

    static final String ID = "/{id: \\w+}";

    @Inject
    FloatingIpService ips;

    @Inject
    AuthContext auth;

    @GET
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> list(@QueryParam("changes-since") String since) {
        return ips.list(auth.principal(), ChangesSince.parse(since))
                .map(l -> Map.of("floating_ips", l.stream().map(FloatingIpView::compute).toList()));
    }

    @POST
    @Path("{slash: /?}")
    public Uni<Map<String, Object>> allocate() {
        return ips.allocate(auth.principal()).map(ip -> Map.of("floating_ip", FloatingIpView.compute(ip)));
    }

    @GET
    @Path(ID)
    public Uni<Map<String, Object>> get(@PathParam("id") String id) {
        return ips.get(auth.principal(), id).map(ip -> Map.of("floatingip", FloatingIpView.network(ip)));
    }

    @DELETE
    @Path(ID)
    public Uni<Response> release(@PathParam("id") String id) {
        return ips.release(auth.principal(), id).map(v -> Wire.noContent());
    }
}
