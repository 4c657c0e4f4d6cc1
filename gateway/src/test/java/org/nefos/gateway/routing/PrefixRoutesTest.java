package org.nefos.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.nefos.gateway.config.GatewayConfig;

class PrefixRoutesTest {

    private static GatewayConfig configFromEnvironment(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(GatewayConfig.class);
    }

    @Test
    void firstSegmentIsTheWholeFirstPathSegment() {
        assertEquals("compute", PrefixRoutes.firstSegment("/compute/v2.0/servers"));
        assertEquals("compute", PrefixRoutes.firstSegment("/compute"));
        assertEquals("compute", PrefixRoutes.firstSegment("/compute/"));
        assertEquals("computex", PrefixRoutes.firstSegment("/computex/v2.0"));
        assertEquals("", PrefixRoutes.firstSegment("/"));
        assertEquals("", PrefixRoutes.firstSegment(""));
        assertEquals("", PrefixRoutes.firstSegment("//compute"));
    }

    @Test
    void everyPublicPrefixHasItsOwner() {
        PrefixRoutes routes = new PrefixRoutes(configFromEnvironment(Map.of()));
        Map<String, Service> expected = Map.ofEntries(
                Map.entry("identity", Service.IDENTITY), Map.entry("account", Service.IDENTITY),
                Map.entry("ui", Service.IDENTITY), Map.entry("weblogin", Service.IDENTITY),
                Map.entry("oauth2", Service.IDENTITY), Map.entry("compute", Service.COMPUTE),
                Map.entry("volume", Service.COMPUTE), Map.entry("network", Service.NETWORK),
                Map.entry("image", Service.IMAGE), Map.entry("object-store", Service.STORAGE),
                Map.entry("public", Service.STORAGE));
        expected.forEach((prefix, service) -> assertEquals(Optional.of(service), routes.service(prefix), prefix));
        for (String unknown : new String[] {"", "q", "computex", "Compute", "object", "v2.0", "identity-service"}) {
            assertFalse(routes.service(unknown).isPresent(), unknown);
        }
    }

    @Test
    void upstreamsComeFromEnvironmentVariables() {
        GatewayConfig config = configFromEnvironment(Map.of(
                "NEFOS_GATEWAY_IDENTITY_URL", "http://identity:8081",
                "NEFOS_GATEWAY_STORAGE_URL", "https://storage.internal/pithos/",
                "NEFOS_GATEWAY_IDLE_TIMEOUT", "15s",
                "NEFOS_GATEWAY_PUBLIC_URL", "https://cloud.example.org"));
        PrefixRoutes routes = new PrefixRoutes(config);
        assertEquals(Optional.of(new Upstream(Service.IDENTITY, "identity", 8081, false, "")),
                routes.upstream(Service.IDENTITY));
        assertEquals(Optional.of(new Upstream(Service.STORAGE, "storage.internal", 443, true, "/pithos")),
                routes.upstream(Service.STORAGE));
        assertTrue(routes.upstream(Service.COMPUTE).isEmpty());
        assertEquals(Duration.ofSeconds(15), config.idleTimeout());
        assertEquals("https://cloud.example.org", config.publicUrl());
    }

    @Test
    void defaultsAreSane() {
        GatewayConfig config = configFromEnvironment(Map.of());
        assertEquals("http://127.0.0.1:8080", config.publicUrl());
        assertEquals(Duration.ofSeconds(5), config.connectTimeout());
        assertEquals(Duration.ofSeconds(60), config.idleTimeout());
        assertEquals(64, config.poolSize());
        assertTrue(config.identityUrl().isEmpty());
        assertTrue(config.auth().enabled(), "the edge token check is on unless turned off");
        assertFalse(config.rateLimit().enabled());
        assertTrue(config.cors().origins().isEmpty(), "CORS is off without origins");
        assertEquals(1024 * 1024, config.maxJsonBody().asLongValue());
    }

    @Test
    void edgeSettingsComeFromEnvironmentVariables() {
        GatewayConfig config = configFromEnvironment(Map.of(
                "NEFOS_GATEWAY_AUTH_ENABLED", "false",
                "NEFOS_GATEWAY_RATE_LIMIT_ENABLED", "true",
                "NEFOS_GATEWAY_RATE_LIMIT_RATE", "2.5",
                "NEFOS_GATEWAY_RATE_LIMIT_BURST", "7",
                "NEFOS_GATEWAY_CORS_ORIGINS", "https://a.example,https://b.example",
                "NEFOS_GATEWAY_MAX_JSON_BODY", "64K"));
        assertFalse(config.auth().enabled());
        assertTrue(config.rateLimit().enabled());
        assertEquals(2.5, config.rateLimit().rate());
        assertEquals(7, config.rateLimit().burst());
        assertEquals(java.util.List.of("https://a.example", "https://b.example"), config.cors().origins().orElseThrow());
        assertEquals(64 * 1024, config.maxJsonBody().asLongValue());
    }

    @Test
    void upstreamBaseUrlsAreParsedStrictly() {
        assertEquals(new Upstream(Service.IMAGE, "127.0.0.1", 80, false, ""), Upstream.parse(Service.IMAGE, "http://127.0.0.1/"));
        assertEquals("/base/image/v1.0?x=%20", Upstream.parse(Service.IMAGE, "http://h:1/base//").target("/image/v1.0?x=%20"));
        assertThrows(IllegalArgumentException.class, () -> Upstream.parse(Service.IMAGE, "ftp://h/"));
        assertThrows(IllegalArgumentException.class, () -> Upstream.parse(Service.IMAGE, "h:8080"));
        assertThrows(IllegalArgumentException.class, () -> Upstream.parse(Service.IMAGE, "http://h:1/?q=1"));
        assertThrows(IllegalArgumentException.class, () -> Upstream.parse(Service.IMAGE, "http://exa mple/"));
    }
}
