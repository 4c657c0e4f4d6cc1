package org.nefos.gateway;

import java.util.List;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The test upstream's account of a request it received. */
public record Echo(JsonObject json) {

    public static Echo of(Buffer body) {
        return new Echo(body.toJsonObject());
    }

    public static Echo of(String body) {
        return new Echo(new JsonObject(body));
    }

    public String uri() {
        return json.getString("uri");
    }

    /** Every value of a header, in the order the upstream received the lines. */
    public List<String> headers(String name) {
        return json.getJsonArray("headers").stream()
                .map(JsonArray.class::cast)
                .filter(h -> h.getString(0).equalsIgnoreCase(name))
                .map(h -> h.getString(1))
                .toList();
    }

    public String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
