package io.smsconversations.conversation.access;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who calls a seller API: the seller id is the token subject (an OIDC {@code sub}, as in the directory), and an
 * admin sees every conversation.
 */
public record Caller(String sellerId, boolean admin) {

    public static Caller of(SecurityIdentity identity, JsonWebToken token) {
        String subject = token != null && token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
        return new Caller(subject, identity.hasRole(Roles.ADMIN));
    }
}
