package io.smsconversations.gateway.provider.telesign;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Telesign's callback authentication: the {@code Authorization} header carries
 * {@code Base64(HMAC-SHA256(Base64-decode(api key), raw body))}, written {@code TSA <customer id>:<signature>} (its
 * SDKs' verifiers also take the bare signature, so both forms are accepted). The key is decoded as Telesign's SDKs
 * decode it (Python's {@code b64decode}, Ruby's {@code decode64}): characters outside the base64 alphabet are skipped.
 */
public final class TelesignSignature {

    static final String SCHEME = "TSA ";

    private TelesignSignature() {
    }

    /** The signature of {@code body} with {@code apiKey}; empty when the key is not base64 at all. */
    public static Optional<String> sign(String apiKey, byte[] body) {
        byte[] key = key(apiKey);
        if (key.length == 0) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Optional.of(Base64.getEncoder().encodeToString(mac.doFinal(body)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Whether {@code authorization} signs {@code body} with this account's key (and, in the TSA form, names this
     * account's customer id, compared ignoring case as Telesign prints it in either).
     */
    public static boolean matches(String apiKey, String customerId, String authorization, byte[] body) {
        if (authorization == null || authorization.isBlank()) {
            return false;
        }
        String given = authorization.strip();
        if (given.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            String credentials = given.substring(SCHEME.length()).strip();
            int colon = credentials.lastIndexOf(':');
            if (colon < 0 || !credentials.substring(0, colon).strip().equalsIgnoreCase(customerId.strip())) {
                return false;
            }
            given = credentials.substring(colon + 1).strip();
        }
        Optional<String> expected = sign(apiKey, body);
        return expected.isPresent() && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether the API key decodes to a usable HMAC key. */
    static boolean usable(String apiKey) {
        return key(apiKey).length > 0;
    }

    private static byte[] key(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return new byte[0];
        }
        try {
            return Base64.getMimeDecoder().decode(apiKey.strip());
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }
}
