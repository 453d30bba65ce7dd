package org.opencity.backend.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque bearer secrets: 256 random bits, base64url, with a prefix saying what they are
 * ({@code oca_} access, {@code ocr_} refresh). Only their SHA-256 is stored, so a database
 * leak does not hand out sessions.
 */
public final class Tokens {

    static final String ACCESS_PREFIX = "oca_";
    static final String REFRESH_PREFIX = "ocr_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String newAccessToken() {
        return ACCESS_PREFIX + random(32);
    }

    static String newRefreshToken() {
        return REFRESH_PREFIX + random(32);
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** SHA-256 of the token's text. */
    public static byte[] hash(String token) {
        return sha256(token.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A secret of this kind has the right shape (cheap check before any database lookup). */
    static boolean wellFormed(String token, String prefix) {
        return token != null && token.length() == prefix.length() + 43 && token.startsWith(prefix)
                && token.substring(prefix.length()).matches("[A-Za-z0-9_-]{43}");
    }
}
