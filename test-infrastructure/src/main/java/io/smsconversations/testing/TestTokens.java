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

    public static String token(String subject, String... roles) {
        return Jwt.subject(subject)
                .preferredUserName(subject)
                .groups(Set.of(roles))
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .sign();
    }
}
