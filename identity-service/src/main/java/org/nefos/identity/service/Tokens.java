package org.nefos.identity.service;

import java.security.SecureRandom;
import java.util.Base64;

/** New user and component tokens: 32 random bytes, URL-safe base64 without padding (43 characters). */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
