package io.smsconversations.testing;

import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/**
 * Bearer tokens for tests that run with Quarkus' OIDC test server ({@code OidcWiremockTestResource}), signed with its
 * key. The subject is the seller id, as with Keycloak.
 */
public final class TestTokens {

    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "https://service.example.com";

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
        return Jwt.subject(subject)
                .preferredUserName(subject)
                .groups(Set.of(roles))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .sign();
    }
}
