package org.nefos.platform.fault;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/** Reads another Nefos service's fault body ({@code {"<key>": {"message": ..., ...}}}) when calling it. */
public final class RemoteFaults {

    private RemoteFaults() {
    }

    /** The inner object of a fault body, or an empty object when the body is not one. */
    public static JsonObject inner(HttpResponse<Buffer> response) {
        try {
            JsonObject json = response.bodyAsJsonObject();
            if (json != null && json.size() == 1) {
                Object inner = json.getValue(json.fieldNames().iterator().next());
                if (inner instanceof JsonObject o) {
                    return o;
                }
            }
        } catch (RuntimeException notJson) {
            // an empty or non-JSON body: nothing to relay
        }
        return new JsonObject();
    }

    /** The fault's message, or {@code fallback}. */
    public static String message(HttpResponse<Buffer> response, String fallback) {
        return inner(response).getString("message", fallback);
    }
}
