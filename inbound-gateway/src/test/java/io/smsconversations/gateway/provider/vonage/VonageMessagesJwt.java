package io.smsconversations.gateway.provider.vonage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/** The JWT Vonage's Messages API puts in a signed webhook's Authorization header, for a given body. */
final class VonageMessagesJwt {

    private VonageMessagesJwt() {
    }

    static String bearer(String secret, String body, Instant issuedAt) {
        return bearerWithHash(secret, VonageMessagesSignature.sha256(body), issuedAt);
    }

    static String bearerWithHash(String secret, String payloadHash, Instant issuedAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setGeneratedJwtId();
        claims.setClaim("api_key", "abcd1234");
        claims.setClaim("application_id", "aaaaaaaa-bbbb-cccc-dddd-0123456789ab");
        claims.setClaim("payload_hash", payloadHash);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        try {
            return "Bearer " + jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
