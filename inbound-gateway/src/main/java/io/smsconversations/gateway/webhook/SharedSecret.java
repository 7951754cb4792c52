package io.smsconversations.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares a shared secret a caller presents with the configured one, in constant time. */
public final class SharedSecret {

    private SharedSecret() {
    }

    public static boolean matches(String expected, String given) {
        if (expected == null || expected.isEmpty() || given == null || given.isEmpty()) {
            return false;
        }
        // Digests first, so the comparison time does not even reveal the secret's length.
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
