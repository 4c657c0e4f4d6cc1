package org.nefos.identity.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An Astakos user account. The e-mail (lower-cased) is the Synnefo username / display name. */
public record User(UUID uuid, String email, String firstName, String lastName, String affiliation, String token,
        Instant tokenCreated, Instant tokenExpires, boolean active, boolean verified, boolean moderated,
        boolean rejected, boolean signedTerms, String deactivatedReason, List<String> roles, UUID defaultProject,
        long sequence, Instant createdAt) {

    public String displayName() {
        String full = (firstName + " " + lastName).trim();
        return full.isEmpty() ? email : full;
    }

    public boolean tokenExpiredAt(Instant now) {
        return !now.isBefore(tokenExpires);
    }
}
