package org.nefos.compute.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import org.nefos.compute.config.ComputeConfig;
import org.nefos.compute.domain.FloatingIp;
import org.nefos.platform.fault.Fault;
import org.nefos.platform.fault.FaultException;
import org.nefos.platform.fault.RemoteFaults;
import org.nefos.platform.logging.RequestIds;

/**
 * The REST client of network-service ({@code nefos.compute.network-url}). Each request carries the end user's
 * token and a timeout; reads (GET) are retried twice on connection failures, writes never (a retried POST could
 * reserve a second port).
 */
@ApplicationScoped
public class HttpNetworkClient implements NetworkClient {

    private static final String API = "/network/v2.0";
    private static final int READ_RETRIES = 2;

    private final WebClient client;
    private final String base;
    private final long timeoutMillis;

    @Inject
    public HttpNetworkClient(Vertx vertx, ComputeConfig config) {
        Duration timeout = config.networkTimeout();
        this.timeoutMillis = timeout.toMillis();
        String url = config.networkUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.client = RequestIds.propagating(WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMillis)
                .setKeepAlive(true).setMaxPoolSize(16)));
    }

    @Override
    public Uni<List<FloatingIp>> floatingIps(String token, Instant since) {
        String query = since == null ? "" : "?changes-since=" + since;
        return read(() -> request(client.getAbs(base + API + "/floatingips" + query), token)).map(r -> {
            if (r.statusCode() == 304) {
                return List.<FloatingIp>of();
            }
            expect(r, 200);
            List<FloatingIp> out = new ArrayList<>();
            JsonArray list = r.bodyAsJsonObject().getJsonArray("floatingips", new JsonArray());
            for (int i = 0; i < list.size(); i++) {
                out.add(floatingIp(list.getJsonObject(i)));
            }
            return out;
        });
    }

    @Override
    public Uni<FloatingIp> allocateFloatingIp(String token) {
        return write(request(client.postAbs(base + API + "/floatingips"), token)
                .sendJsonObject(new JsonObject().put("floatingip", new JsonObject())))
                .map(r -> floatingIp(expect(r, 200).bodyAsJsonObject().getJsonObject("floatingip")));
    }

    @Override
    public Uni<FloatingIp> floatingIp(String token, String id) {
        return read(() -> request(client.getAbs(base + API + "/floatingips/" + id), token))
                .map(r -> r.statusCode() == 404 ? null
                        : floatingIp(expect(r, 200).bodyAsJsonObject().getJsonObject("floatingip")));
    }

    @Override
    public Uni<Void> releaseFloatingIp(String token, String id) {
        return write(request(client.deleteAbs(base + API + "/floatingips/" + id), token).send())
                .map(r -> {
                    expect(r, 204);
                    return null;
                });
    }

    @Override
    public Uni<NetworkRef> network(String token, String id) {
        return read(() -> request(client.getAbs(base + API + "/networks/" + id), token)).map(r -> {
            if (r.statusCode() == 404) {
                return null;
            }
            JsonObject n = expect(r, 200).bodyAsJsonObject().getJsonObject("network");
            List<String> subnets = new ArrayList<>();
            n.getJsonArray("subnets", new JsonArray()).forEach(subnet -> subnets.add(String.valueOf(subnet)));
            return new NetworkRef(n.getString("id"), n.getBoolean("public", false), n.getBoolean("deleted", false),
                    n.getString("status"), subnets);
        });
    }

    /** One read per subnet; a network has at most two (one per IP version). */
    @Override
    public Uni<Boolean> hasIpv4Subnet(String token, NetworkRef network) {
        if (network.subnets().isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return Uni.join().all(network.subnets().stream()
                .map(id -> read(() -> request(client.getAbs(base + API + "/subnets/" + id), token))
                        .map(r -> expect(r, 200).bodyAsJsonObject().getJsonObject("subnet").getInteger("ip_version")))
                .toList()).andFailFast().map(versions -> versions.contains(4));
    }

    @Override
    public Uni<PortRef> createPort(String token, String networkId, long deviceId, String fixedIp) {
        JsonObject port = new JsonObject().put("network_id", networkId).put("device_id", String.valueOf(deviceId));
        if (fixedIp != null) {
            port.put("fixed_ips", new JsonArray().add(new JsonObject().put("ip_address", fixedIp)));
        }
        return write(request(client.postAbs(base + API + "/ports"), token)
                .sendJsonObject(new JsonObject().put("port", port)))
                .map(r -> port(expect(r, 201).bodyAsJsonObject().getJsonObject("port")));
    }

    @Override
    public Uni<PortRef> attachPort(String token, String portId, long deviceId) {
        return write(request(client.postAbs(base + "/internal/v1/ports/" + portId + "/attach"), token)
                .sendJsonObject(new JsonObject().put("device_id", String.valueOf(deviceId))))
                .map(r -> port(expect(r, 200).bodyAsJsonObject().getJsonObject("port")));
    }

    @Override
    public Uni<Void> detachPort(String token, String portId) {
        return write(request(client.postAbs(base + "/internal/v1/ports/" + portId + "/attach"), token)
                .sendJsonObject(new JsonObject().putNull("device_id")))
                .map(r -> {
                    if (r.statusCode() != 404) {
                        expect(r, 200);
                    }
                    return null;
                });
    }

    @Override
    public Uni<Void> deletePort(String token, String portId) {
        return write(request(client.deleteAbs(base + API + "/ports/" + portId), token).send()).map(r -> {
            if (r.statusCode() != 404) {
                expect(r, 204);
            }
            return null;
        });
    }

    private HttpRequest<Buffer> request(HttpRequest<Buffer> r, String token) {
        return r.timeout(timeoutMillis).putHeader("X-Auth-Token", token).putHeader("Accept", "application/json");
    }

    /** An idempotent read: a connection failure or timeout is retried, then answered 503. */
    private static Uni<HttpResponse<Buffer>> read(Supplier<HttpRequest<Buffer>> request) {
        return Uni.createFrom().deferred(() -> request.get().send())
                .onFailure().retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(READ_RETRIES)
                .onFailure().transform(HttpNetworkClient::unreachable);
    }

    private static Uni<HttpResponse<Buffer>> write(Uni<HttpResponse<Buffer>> sent) {
        return sent.onFailure().transform(HttpNetworkClient::unreachable);
    }

    /** The response when it has the expected status; otherwise network-service's fault, relayed as is. */
    private static HttpResponse<Buffer> expect(HttpResponse<Buffer> r, int status) {
        if (r.statusCode() == status) {
            return r;
        }
        JsonObject inner = RemoteFaults.inner(r);
        String message = inner.getString("message", "Network service answered " + r.statusCode());
        String details = inner.getString("details", "");
        if (r.statusCode() >= 500 || r.statusCode() == 401) {
            // network-service failing, or refusing a token identity accepted for compute: not the user's fault
            throw new FaultException(Fault.SERVICE_UNAVAILABLE, "Network service unavailable", message);
        }
        throw new FaultException(Fault.forStatus(r.statusCode()), message, details);
    }

    private static Throwable unreachable(Throwable cause) {
        return cause instanceof FaultException ? cause
                : new FaultException(Fault.SERVICE_UNAVAILABLE, "Network service unavailable");
    }

    private static FloatingIp floatingIp(JsonObject f) {
        return new FloatingIp(f.getString("id"), f.getString("floating_ip_address"),
                f.getString("floating_network_id"), f.getString("port_id"), f.getString("instance_id"),
                f.getString("user_id"), f.getString("tenant_id"), f.getBoolean("shared_to_project", false),
                f.getBoolean("deleted", false), null);
    }

    private static PortRef port(JsonObject p) {
        return new PortRef(p.getString("id"), p.getString("network_id"), p.getString("device_id"),
                p.getString("status"));
    }
}
