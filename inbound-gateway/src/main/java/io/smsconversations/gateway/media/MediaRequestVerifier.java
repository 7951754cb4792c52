package io.smsconversations.gateway.media;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.smsconversations.events.MediaRequests;

/**
 * Checks that a media request is conversation-service's: signed with the shared secret over the media id and its
 * expiry ({@link MediaRequests}), not expired, and not valid for longer than {@code maxAge} (a signature minted for
 * next year would otherwise be a standing key). Compared in constant time.
 */
public final class MediaRequestVerifier {

    private final String secret;
    private final Duration maxAge;

    public MediaRequestVerifier(String secret, Duration maxAge) {
        this.secret = secret;
        this.maxAge = maxAge;
    }

    /** Why the request is refused (a sentence for the problem's detail), or empty when it is authentic and fresh. */
    public Optional<String> refusal(String mediaId, String expires, String signature, Instant now) {
        if (expires == null || expires.isBlank() || signature == null || signature.isBlank()) {
            return Optional.of("The request is not signed: " + MediaRequests.EXPIRES_HEADER + " and "
                    + MediaRequests.SIGNATURE_HEADER + " are required.");
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires.strip());
        } catch (NumberFormatException e) {
            return Optional.of(MediaRequests.EXPIRES_HEADER + " is not a number of seconds since the epoch.");
        }
        String expected = MediaRequests.signature(secret, mediaId, expiresAt);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("The signature does not match this request.");
        }
        long nowSecond = now.getEpochSecond();
        if (expiresAt < nowSecond) {
            return Optional.of("The signed request has expired.");
        }
        if (expiresAt > nowSecond + maxAge.toSeconds()) {
            return Optional.of("The signed request is valid for longer than the " + maxAge.toSeconds()
                    + " s the gateway allows.");
        }
        return Optional.empty();
    }
}
