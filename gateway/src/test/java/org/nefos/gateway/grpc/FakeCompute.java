package org.nefos.gateway.grpc;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP server in compute-service's place with fixed answers, so that the gRPC API's own behaviour
 * (listing, paging, mapping, error codes) is tested without the real services. It only sets the compute
 * upstream; identity (tokens {@code good-<x>} are user {@code user-<x>}) is the suite's global
 * {@link org.nefos.gateway.UpstreamServer}, network points at a closed port there.
 */
public class FakeCompute implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            int port = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(FakeCompute::handle).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
            return Map.of("nefos.gateway.compute-url", "http://127.0.0.1:" + port);
        } catch (Exception e) {
            throw new IllegalStateException("fake compute did not start", e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    private static void handle(HttpServerRequest request) {
        String token = request.getHeader("X-Auth-Token");
        String owner = token != null && token.startsWith("good-") ? "user-" + token.substring(5) : "nobody";
        String route = request.method() + " " + request.path();
        switch (route) {
            case "GET /compute/v2.0/flavors/detail" -> json(request, 200, new JsonObject().put("flavors", new JsonArray()
                    .add(flavor(10, "large", 4, true)).add(flavor(2, "medium", 2, true))
                    .add(flavor(1, "small", 1, true)).add(flavor(11, "large", 8, false))));
            case "GET /volume/v2.0/volumes/detail" -> json(request, 200, new JsonObject().put("volumes", new JsonArray()
                    .add(volume(7, "data", "in_use", owner).put("attachments", new JsonArray().add(new JsonObject()
                            .put("server_id", 42).put("volume_id", 7).put("device_index", 1))))
                    .add(volume(8, "spare", "available", owner))
                    .add(volume(9, "odd", "migrating", owner))));
            case "GET /volume/v2.0/types" -> json(request, 200, new JsonObject().put("volume_types", new JsonArray()
                    .add(new JsonObject().put("id", 1).put("name", "drbd").put("deleted", false)
                            .put("SNF:detachable", false))));
            case "POST /compute/v2.0/servers" -> json(request, 413, fault("overLimit", 413, "Resource Limit Exceeded for your account."));
            case "GET /compute/v2.0/servers/detail" -> json(request, 403, fault("forbidden", 403, "Not allowed here."));
            case "GET /compute/v2.0/images/detail" -> request.response().setStatusCode(500).end("<html>oops</html>");
            default -> json(request, 404, fault("itemNotFound", 404, "No " + request.path() + " here."));
        }
    }

    private static JsonObject flavor(int id, String name, int vcpus, boolean allowCreate) {
        return new JsonObject().put("id", id).put("name", name).put("vcpus", vcpus).put("ram", 1024 * vcpus)
                .put("disk", 20).put("SNF:allow_create", allowCreate).put("SNF:disk_template", "drbd");
    }

    private static JsonObject volume(int id, String name, String status, String owner) {
        return new JsonObject().put("id", Integer.toString(id)).put("display_name", name).put("status", status)
                .put("size", 2).put("display_description", "").put("created_at", "2026-12-01T10:00:00.000000+00:00")
                .put("metadata", new JsonObject().put("role", "test")).put("snapshot_id", (String) null)
                .put("image_id", (String) null).put("attachments", new JsonArray()).put("volume_type", 1)
                .put("deleted", false).put("delete_on_termination", true).put("user_id", owner)
                .put("tenant_id", owner).put("shared_to_project", false).put("SNF:extra", "kept");
    }

    private static JsonObject fault(String kind, int code, String message) {
        return new JsonObject().put(kind, new JsonObject().put("code", code).put("message", message).put("details", ""));
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.body().onSuccess(ignored -> request.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode()));
    }
}
