package org.nefos.platform.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.nefos.platform.config.AuthConfig;
import org.nefos.platform.fault.FaultException;

class TokenCacheTest {

    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aVerifiedTokenIsTrustedForTheTtlOnly() {
        TokenCache cache = new TokenCache(config(Duration.ofSeconds(30), 100), clock);
        AtomicInteger calls = new AtomicInteger();
        Principal p = user(now.plus(Duration.ofDays(1)));
        assertEquals(p, get(cache, "t", calls, p));
        assertEquals(p, get(cache, "t", calls, p));
        assertEquals(1, calls.get());
        now = now.plusSeconds(31);
        get(cache, "t", calls, p);
        assertEquals(2, calls.get());
    }

    @Test
    void onlyReadsAreAnsweredFromTheCache() {
        TokenCache cache = new TokenCache(config(Duration.ofSeconds(30), 100), clock);
        AtomicInteger calls = new AtomicInteger();
        Principal before = user(null);
        Principal after = Principal.user("u", "User", "p2", Set.of("u", "p2"), List.of(), null);
        assertEquals(before, cache.lookup(Principal.Kind.USER, "t", "GET", () -> counted(calls, before)).await().indefinitely());
        assertEquals(before, cache.lookup(Principal.Kind.USER, "t", "HEAD", () -> counted(calls, after)).await().indefinitely());
        assertEquals(1, calls.get());
        // a write asks identity again and the fresh answer replaces the cached one
        assertEquals(after, cache.lookup(Principal.Kind.USER, "t", "POST", () -> counted(calls, after)).await().indefinitely());
        assertEquals(2, calls.get());
        assertEquals(after, cache.lookup(Principal.Kind.USER, "t", "GET", () -> counted(calls, before)).await().indefinitely());
        assertEquals(2, calls.get());
    }

    @Test
    void cachedAnswersOnlyAnUnexpiredEntryOfTheSameKind() {
        TokenCache cache = new TokenCache(config(Duration.ofSeconds(30), 100), clock);
        AtomicInteger calls = new AtomicInteger();
        assertEquals(null, cache.cached(Principal.Kind.USER, "t"), "nothing verified yet");
        Principal p = user(now.plus(Duration.ofDays(1)));
        get(cache, "t", calls, p);
        assertEquals(p, cache.cached(Principal.Kind.USER, "t"));
        assertEquals(null, cache.cached(Principal.Kind.COMPONENT, "t"));
        assertEquals(null, cache.cached(Principal.Kind.USER, "other"));
        now = now.plusSeconds(31);
        assertEquals(null, cache.cached(Principal.Kind.USER, "t"), "an expired entry is not answered");
        assertEquals(null, new TokenCache(config(Duration.ZERO, 100), clock).cached(Principal.Kind.USER, "t"));
    }

    private static Uni<Principal> counted(AtomicInteger calls, Principal answer) {
        calls.incrementAndGet();
        return Uni.createFrom().item(answer);
    }

    @Test
    void anEntryNeverOutlivesTheTokenItself() {
        TokenCache cache = new TokenCache(config(Duration.ofMinutes(5), 100), clock);
        AtomicInteger calls = new AtomicInteger();
        Principal p = user(now.plusSeconds(10));
        get(cache, "t", calls, p);
        now = now.plusSeconds(11);
        get(cache, "t", calls, p);
        assertEquals(2, calls.get());
    }

    @Test
    void failuresAreNotCachedAndKindsAreSeparate() {
        TokenCache cache = new TokenCache(config(Duration.ofSeconds(30), 100), clock);
        AtomicInteger calls = new AtomicInteger();
        assertThrows(FaultException.class, () -> cache.get(Principal.Kind.USER, "bad", () -> {
            calls.incrementAndGet();
            return Uni.createFrom().failure(FaultException.unauthorized("Invalid X-Auth-Token"));
        }).await().indefinitely());
        assertThrows(FaultException.class, () -> cache.get(Principal.Kind.USER, "bad", () -> {
            calls.incrementAndGet();
            return Uni.createFrom().failure(FaultException.unauthorized("Invalid X-Auth-Token"));
        }).await().indefinitely());
        assertEquals(2, calls.get());
        Principal user = user(null);
        get(cache, "same", calls, user);
        Principal component = Principal.component("cyclades", null);
        Principal asComponent = cache.get(Principal.Kind.COMPONENT, "same", () -> Uni.createFrom().item(component))
                .await().indefinitely();
        assertTrue(asComponent.isComponent(), "a user entry never answers a component lookup");
    }

    @Test
    void zeroTtlDisablesTheCacheAndTheSizeIsBounded() {
        AtomicInteger calls = new AtomicInteger();
        TokenCache off = new TokenCache(config(Duration.ZERO, 100), clock);
        get(off, "t", calls, user(null));
        get(off, "t", calls, user(null));
        assertEquals(2, calls.get());
        TokenCache small = new TokenCache(config(Duration.ofSeconds(30), 2), clock);
        for (int i = 0; i < 10; i++) {
            get(small, "t" + i, calls, user(null));
        }
        assertFalse(TokenCache.digest("t").contains("t") && TokenCache.digest("t").length() < 64);
        assertEquals(64, TokenCache.digest("t").length());
    }

    private static Principal get(TokenCache cache, String token, AtomicInteger calls, Principal answer) {
        return cache.get(Principal.Kind.USER, token, () -> {
            calls.incrementAndGet();
            return Uni.createFrom().item(answer);
        }).await().indefinitely();
    }

    private static Principal user(Instant expires) {
        return Principal.user("u", "User", "u", Set.of("u"), List.of(), expires);
    }

    private static AuthConfig config(Duration ttl, int max) {
        return new AuthConfig() {
            @Override
            public String identityUrl() {
                return "http://127.0.0.1:1";
            }

            @Override
            public Duration cacheTtl() {
                return ttl;
            }

            @Override
            public int cacheMaxEntries() {
                return max;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            @Override
            public String componentToken() {
                return "none";
            }
        };
    }
}
