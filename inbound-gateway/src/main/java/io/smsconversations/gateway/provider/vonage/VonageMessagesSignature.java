package io.smsconversations.gateway.provider.vonage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;

import io.smsconversations.gateway.webhook.Rejection;

/**
 * Vonage's signed Messages API webhooks: {@code Authorization: Bearer <JWT>}, HS256 with the account's signature
 * secret, whose {@code payload_hash} claim is the SHA-256 (hex) of the body and {@code iat} when it was signed. The
 * JWT is checked with jose4j; a body that is not the one signed, or a token older than the allowed age, is refused.
 */
public final class VonageMessagesSignature {

    /** Why a request is refused: the rejection tag and a detail that quotes nothing of the request. */
    public record Refusal(Rejection reason, String detail) {
    }

    private final JwtConsumer consumer;
    private final Duration maxAge;

    public VonageMessagesSignature(String signatureSecret, Duration maxAge) {
        this.maxAge = maxAge;
        this.consumer = new JwtConsumerBuilder()
                .setVerificationKey(new HmacKey(key(signatureSecret)))
                // Vonage's signature secrets may be shorter than HS256's 256 bits; the key is what the account has.
                .setRelaxVerificationKeyValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.HMAC_SHA256)
                .setRequireIssuedAt()
                .setSkipDefaultAudienceValidation()
                .build();
    }

    public Optional<Refusal> refusal(String authorization, String body, Instant now) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(new Refusal(Rejection.SIGNATURE_MISSING,
                    "The Authorization header with Vonage's signed JWT (Bearer) is missing."));
        }
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(authorization.substring(7).strip());
        } catch (InvalidJwtException e) {
            return Optional.of(new Refusal(Rejection.SIGNATURE_INVALID,
                    "The JWT is not signed with this account's signature secret (HS256)."));
        }
        try {
            NumericDate issuedAt = claims.getIssuedAt();
            long age = now.getEpochSecond() - issuedAt.getValue();
            if (age > maxAge.toSeconds() || age < -maxAge.toSeconds()) {
                return Optional.of(new Refusal(Rejection.SIGNATURE_STALE,
                        "The JWT was issued more than " + maxAge.toSeconds() + " s from now."));
            }
            String hash = claims.getStringClaimValue("payload_hash");
            if (hash == null || !MessageDigest.isEqual(sha256(body).getBytes(StandardCharsets.US_ASCII),
                    hash.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(new Refusal(Rejection.SIGNATURE_INVALID,
                        "The JWT's payload_hash is not the SHA-256 of this body."));
            }
        } catch (MalformedClaimException e) {
            return Optional.of(new Refusal(Rejection.SIGNATURE_INVALID, "The JWT's iat or payload_hash is malformed."));
        }
        return Optional.empty();
    }

    /**
     * The secret's bytes; with none set (Vonage disabled: its webhooks answer 404 before this is asked) a random key
     * that verifies nothing, since a JCA HMAC key may not be empty.
     */
    private static byte[] key(String secret) {
        if (secret == null || secret.isEmpty()) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            return random;
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
