package io.smsconversations.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How conversation-service asks inbound-gateway for a media item's bytes ({@code GET /internal/media/{mediaId}}), the
 * one HTTP call between the two: signed with a secret both share, valid until {@code expires} (seconds since the
 * epoch, a few minutes ahead), so a captured request is useless soon after and no seller token ever reaches the
 * gateway. Defined once here so signer and verifier cannot drift apart.
 */
public final class MediaRequests {

    public static final String PATH_PREFIX = "/internal/media/";
    /** Seconds since the epoch after which the request is refused. */
    public static final String EXPIRES_HEADER = "X-Media-Expires";
    /** base64url(HMAC-SHA256(secret, "GET " + path + "\n" + expires)), unpadded. */
    public static final String SIGNATURE_HEADER = "X-Media-Signature";

    private MediaRequests() {
    }

    public static String path(String mediaId) {
        return PATH_PREFIX + mediaId;
    }

    public static String signature(String secret, String mediaId, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("GET " + path(mediaId) + "\n" + expiresEpochSecond)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
