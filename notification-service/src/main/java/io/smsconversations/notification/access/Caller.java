package io.smsconversations.notification.access;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who calls a seller API of this service, read once per request from the bearer token: the seller id is the token
 * subject (an OIDC {@code sub}, as in the directory), and a live stream lives no longer than the token.
 * <p>
 * Why a bean and not a {@code caller.getSubject()} per resource: every resource asks the same two questions, and
 * this is the one place that knows how a seller is told from a token.
 */
@RequestScoped
public class Caller {

    private final JsonWebToken token;

    Caller(JsonWebToken token) {
        this.token = token;
    }

    /** The seller the request acts for: the token subject. */
    public String sellerId() {
        return token.getSubject();
    }

    /** When the bearer token expires, in epoch milliseconds; 0 or less when it has no expiry. */
    public long tokenExpiresAtMillis() {
        return token.getExpirationTime() * 1000;
    }
}
