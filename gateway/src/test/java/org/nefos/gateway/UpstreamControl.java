package org.nefos.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the test upstream what it saw, directly on its own port (not through the gateway). */
public final class UpstreamControl {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;

    public UpstreamControl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public long progress(String id) {
        return Long.parseLong(call("progress", id));
    }

    public void release(String id) {
        call("release", id);
    }

    public boolean seen(String id) {
        return Boolean.parseBoolean(call("seen", id));
    }

    public boolean aborted(String id) {
        return Boolean.parseBoolean(call("aborted", id));
    }

    /** How many times identity was asked about {@code token}. */
    public long verifications(String token) {
        return Long.parseLong(call("verified", token));
    }

    private String call(String what, String id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/_control/" + what + "/" + id))
                .timeout(Duration.ofSeconds(10)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
