package org.nefos.gateway.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The gateway's deployment settings. Every key can be set from the environment
 * ({@code nefos.gateway.identity-url} is {@code NEFOS_GATEWAY_IDENTITY_URL}).
 */
@ConfigMapping(prefix = "nefos.gateway")
public interface GatewayConfig {

    /** The base URL clients use to reach the gateway; the catalog's public URLs start with it. */
    @WithDefault("http://127.0.0.1:8080")
    String publicUrl();

    /** Base URL of identity-service; unset means its prefixes answer 503. */
    Optional<String> identityUrl();

    Optional<String> computeUrl();

    Optional<String> networkUrl();

    Optional<String> storageUrl();

    Optional<String> imageUrl();

    /** Time allowed to open a TCP connection to an upstream (or to wait for a pooled one). */
    @WithDefault("5s")
    Duration connectTimeout();

    /**
     * Time a proxied exchange may pass without a byte moving in either direction before it is
     * aborted (504 if the upstream had not answered yet). Not a limit on total transfer time.
     */
    @WithDefault("60s")
    Duration idleTimeout();

    /** Pooled keep-alive connections per upstream host and event loop (each loop has its own client). */
    @WithDefault("64")
    int poolSize();

    /** Largest request body accepted on JSON routes (every prefix but object-store and public). */
    @WithDefault("1M")
    MemorySize maxJsonBody();

    Auth auth();

    RateLimit rateLimit();

    Cors cors();

    Events events();

    /** The edge token check (services check tokens too; this keeps bad tokens off them). */
    interface Auth {
        /** Check tokens at the gateway before proxying to the authenticated prefixes. */
        @WithDefault("true")
        boolean enabled();
    }

    /** Token buckets per token (per client address when a request has no token). */
    interface RateLimit {
        @WithDefault("false")
        boolean enabled();

        /** Requests per second a bucket refills with. */
        @WithDefault("50")
        double rate();

        /** Requests a full bucket allows in a burst. */
        @WithDefault("200")
        int burst();

        /** Most buckets kept; idle (refilled) buckets are evicted first. */
        @WithDefault("100000")
        int maxBuckets();
    }

    /** CORS for browser frontends. */
    interface Cors {
        /** Allowed origins ({@code https://ui.example}, or {@code *}); unset means CORS is off. */
        Optional<List<String>> origins();

        /** How long browsers may cache a preflight answer. */
        @WithDefault("1h")
        Duration maxAge();
    }

    /** The live event stream ({@code /events/v1/stream}, SSE and WebSocket). */
    interface Events {
        /** Kafka to read the state-change topics from ({@code KAFKA_BOOTSTRAP_SERVERS}); unset = stream off. */
        Optional<String> bootstrapServers();

        /** Recent events kept for {@code Last-Event-ID} replay (all users together). */
        @WithDefault("10000")
        int replaySize();

        /** Events one client may have waiting to be written; a client that falls further behind is dropped. */
        @WithDefault("1000")
        int clientQueue();

        /** An idle stream gets an SSE comment (WebSocket: a ping) this often, so proxies keep it open. */
        @WithDefault("15s")
        Duration heartbeat();

        /** How long a WebSocket client without a token header has to send its token as the first message. */
        @WithDefault("10s")
        Duration authTimeout();

        /** How often the partitions of the event topics are looked up again (new topics, added partitions). */
        @WithDefault("10s")
        Duration partitionRefresh();
    }
}
