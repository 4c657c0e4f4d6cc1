package org.nefos.gateway;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** A gateway with a tight rate limit and CORS for one origin. */
public class EdgeProfile implements QuarkusTestProfile {

    public static final String ORIGIN = "https://ui.example";
    public static final int BURST = 3;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "nefos.gateway.rate-limit.enabled", "true",
                "nefos.gateway.rate-limit.rate", "0.1",
                "nefos.gateway.rate-limit.burst", Integer.toString(BURST),
                "nefos.gateway.cors.origins", ORIGIN + ",https://other.example",
                "nefos.gateway.cors.max-age", "10m");
    }
}
