package io.smsconversations.testing;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Bearer tokens for tests that run with Quarkus' OIDC test server ({@code OidcWiremockTestResource}), signed with its
 * key. The subject is the seller id, as with Keycloak; the audience is the one every service requires
 * ({@code quarkus.oidc.token.audience}), unless a test asks for another.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    /** The services' audience: what the realm's audience mapper puts in the tokens of the clients calling them. */
    public static final String AUDIENCE = "sms-api";

    private TestTokens() {
    }

    public static String seller(String sellerId) {
        return token(sellerId, "seller");
    }

    public static String admin(String adminId) {
        return token(adminId, "sms-admin");
    }

    /** A token like {@link #seller} whose lifetime ended ten minutes ago: refused as expired, nothing else. */
    public static String expiredSeller(String sellerId) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.subject(sellerId)
                .preferredUserName(sellerId)
                .groups(Set.of("seller"))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issuedAt(now - 3600)
                .expiresAt(now - 600)
                .sign();
    }

    public static String token(String subject, String... roles) {
        return claims(subject, roles).audience(AUDIENCE).sign();
    }

    /** A token the realm issued for another client: signed and valid, but not for this API. */
    public static String forAudience(String audience, String subject, String... roles) {
        return claims(subject, roles).audience(audience).sign();
    }

    /** A token without any audience. */
    public static String withoutAudience(String subject, String... roles) {
        return claims(subject, roles).sign();
    }

    /** A valid token that expires at {@code expiresAt}. */
    public static String expiringAt(Instant expiresAt, String subject, String... roles) {
        return claims(subject, roles).audience(AUDIENCE).expiresAt(expiresAt).sign();
    }

    /** A well-formed token with every claim right, signed by a key the OIDC server does not publish. */
    public static String signedByUnknownKey(String subject, String... roles) {
        return claims(subject, roles).audience(AUDIENCE).jws().keyId("not-a-key-of-the-realm")
                .sign(UnknownKey.PAIR.getPrivate());
    }

    private static JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.subject(subject)
                .preferredUserName(subject)
                .groups(Set.of(roles))
                .issuer(ISSUER);
    }

    /** Generated once per JVM, never published anywhere. */
    private static final class UnknownKey {
        static final KeyPair PAIR = generate();

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no RSA on this JVM", e);
            }
        }
    }
}
