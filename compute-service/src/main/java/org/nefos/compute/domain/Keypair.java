package org.nefos.compute.domain;

import java.time.Instant;

/** An SSH public key of a user. */
public record Keypair(long id, String userId, String name, String publicKey, String fingerprint, Instant createdAt,
        Instant updatedAt) {
}
