package org.nefos.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import org.nefos.platform.config.AuthConfig;

/**
 * A short-lived cache of verified tokens. Keys are SHA-256 digests, so the heap never holds the
 * tokens themselves; an entry never outlives the token's own expiry. Failures are not cached.
 *
 * <p>Only reads are answered from the cache ({@link #lookup}): a request that changes something is
 * verified afresh, because what it may do depends on the caller's memberships and default project,
 * which identity may have changed a moment ago (burnin switches the default project and creates at once).
 */
@ApplicationScoped
public class TokenCache {

    private record Entry(Principal principal, Instant until) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AuthConfig config;
    private final Clock clock;

    @Inject
    public TokenCache(AuthConfig config) {
        this(config, Clock.systemUTC());
    }

    TokenCache(AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public Uni<Principal> get(Principal.Kind kind, String token, Supplier<Uni<Principal>> verify) {
        if (config.cacheTtl().isZero()) {
            return verify.get();
        }
        String key = kind.name() + ':' + digest(token);
        Instant now = clock.instant();
        Entry hit = entries.get(key);
        if (hit != null && now.isBefore(hit.until())) {
            return Uni.createFrom().item(hit.principal());
        }
        return verify.get().invoke(p -> put(key, p, now));
    }

    /**
     * The cached, unexpired principal of a token, or null: a synchronous look-up for callers on an event loop
     * that would otherwise build and subscribe a {@link Uni} for every request only to read the cache.
     */
    public Principal cached(Principal.Kind kind, String token) {
        if (config.cacheTtl().isZero()) {
            return null;
        }
        Entry hit = entries.get(kind.name() + ':' + digest(token));
        return hit != null && clock.instant().isBefore(hit.until()) ? hit.principal() : null;
    }

    /** Reads ({@code GET}, {@code HEAD}) may use the cache; every other method verifies afresh. */
    public Uni<Principal> lookup(Principal.Kind kind, String token, String httpMethod, Supplier<Uni<Principal>> verify) {
        boolean read = "GET".equals(httpMethod) || "HEAD".equals(httpMethod);
        return read ? get(kind, token, verify) : refresh(kind, token, verify);
    }

    /** Verifies again, bypassing the cache, and keeps the fresh answer (memberships may have changed). */
    public Uni<Principal> refresh(Principal.Kind kind, String token, Supplier<Uni<Principal>> verify) {
        if (config.cacheTtl().isZero()) {
            return verify.get();
        }
        String key = kind.name() + ':' + digest(token);
        Instant now = clock.instant();
        return verify.get().invoke(p -> put(key, p, now));
    }

    /** Forgets every cached token (identity changes such as token renewal call this). */
    public void clear() {
        entries.clear();
    }

    private void put(String key, Principal principal, Instant now) {
        Instant until = now.plus(config.cacheTtl());
        if (principal.expires() != null && principal.expires().isBefore(until)) {
            until = principal.expires();
        }
        if (entries.size() >= config.cacheMaxEntries()) {
            entries.entrySet().removeIf(e -> !now.isBefore(e.getValue().until()));
            if (entries.size() >= config.cacheMaxEntries()) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(principal, until));
    }

    /** One digest per thread: every request looks its token up, and a provider lookup per call shows in profiles. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** Hex SHA-256 of a token: how tokens are keyed wherever they must not be held as they are. */
    public static String digest(String token) {
        MessageDigest md = SHA256.get();
        md.reset();
        return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
