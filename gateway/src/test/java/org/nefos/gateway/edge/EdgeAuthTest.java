package org.nefos.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.nefos.platform.auth.Principal;
import org.nefos.platform.auth.TokenCache;
import org.nefos.platform.auth.TokenVerifier;
import org.nefos.platform.config.AuthConfig;
import org.nefos.platform.fault.FaultException;

class EdgeAuthTest {

    private static final AuthConfig CONFIG = new AuthConfig() {
        public String identityUrl() {
            return "http://127.0.0.1:1";
        }

        public Duration cacheTtl() {
            return Duration.ofSeconds(30);
        }

        public int cacheMaxEntries() {
            return 100;
        }

        public Duration timeout() {
            return Duration.ofSeconds(1);
        }

        public String componentToken() {
            return "none";
        }
    };

    private static TokenVerifier verifier(AtomicInteger calls, Uni<Principal> answer) {
        return new TokenVerifier() {
            public Uni<Principal> verifyUser(String token) {
                calls.incrementAndGet();
                return answer;
            }

            public Uni<Principal> verifyComponent(String token) {
                throw new AssertionError("the edge checks user tokens only");
            }
        };
    }

    @Test
    void whichPathsAreChecked() {
        EdgeAuth auth = new EdgeAuth(true, verifier(new AtomicInteger(), null), new TokenCache(CONFIG));
        for (String path : new String[] {"/compute/v2.0/servers", "/volume/v2.0/volumes", "/network/v2.0/ports",
                "/image/v1.0/images", "/object-store/v1/uuid/c/o", "/account/v1.0/quotas",
                "/account/v1.0/projects/memberships", "/account/v1.0/user_catalogs"}) {
            assertTrue(auth.checks(org.nefos.gateway.routing.PrefixRoutes.firstSegment(path), path), path);
        }
        for (String path : new String[] {"/identity/v2.0/tokens", "/account/v1.0/resources",
                "/account/v1.0/service/user_catalogs", "/account/v1.0/commissions", "/account/v1.0/commissions/7/action",
                "/account/v1.0/service_quotas", "/account/v1.0/service_project_quotas",
                "/public/abcdef", "/ui/login", "/weblogin/x", "/oauth2/auth"}) {
            assertFalse(auth.checks(org.nefos.gateway.routing.PrefixRoutes.firstSegment(path), path), path);
        }
        EdgeAuth off = new EdgeAuth(false, verifier(new AtomicInteger(), null), new TokenCache(CONFIG));
        assertFalse(off.checks("compute", "/compute/v2.0/servers"));
    }

    @Test
    void verifiedPrincipalsAreCached() {
        AtomicInteger calls = new AtomicInteger();
        Principal user = Principal.user("u1", "u1", "p1", java.util.Set.of("p1"), java.util.List.of(), null);
        EdgeAuth auth = new EdgeAuth(true, verifier(calls, Uni.createFrom().item(user)), new TokenCache(CONFIG));
        assertFalse(auth.recentlyVerified("t"), "not verified yet");
        assertEquals("u1", auth.verify("t").await().indefinitely().id());
        assertTrue(auth.recentlyVerified("t"), "the fast path sees the cached answer");
        assertFalse(auth.recentlyVerified("other"));
        assertEquals("u1", auth.verify("t").await().indefinitely().id());
        assertEquals(1, calls.get());
    }

    @Test
    void refusedTokensAreNeverRecentlyVerified() {
        EdgeAuth refusing = new EdgeAuth(true, verifier(new AtomicInteger(),
                Uni.createFrom().failure(FaultException.unauthorized("Invalid token"))), new TokenCache(CONFIG));
        assertThrows(FaultException.class, () -> refusing.verify("t").await().indefinitely());
        assertFalse(refusing.recentlyVerified("t"));
    }

    @Test
    void unreachableIdentityIs503AndRefusalsStay401() {
        EdgeAuth down = new EdgeAuth(true, verifier(new AtomicInteger(),
                Uni.createFrom().failure(new ConnectException("refused"))), new TokenCache(CONFIG));
        FaultException e = assertThrows(FaultException.class, () -> down.verify("t").await().indefinitely());
        assertEquals(503, e.status());
        EdgeAuth refusing = new EdgeAuth(true, verifier(new AtomicInteger(),
                Uni.createFrom().failure(FaultException.unauthorized("Invalid token"))), new TokenCache(CONFIG));
        e = assertThrows(FaultException.class, () -> refusing.verify("t").await().indefinitely());
        assertEquals(401, e.status());
    }
}
