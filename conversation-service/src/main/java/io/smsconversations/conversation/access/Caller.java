package io.smsconversations.conversation.access;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who calls a seller API: the seller id is the token subject (an OIDC {@code sub}, as in the directory), and an
 * admin sees every conversation. A request's caller is this request-scoped bean, read from the bearer token; a
 * resource injects it and hands it to the feature code, which only asks {@link #sellerId()} and {@link #admin()}.
 * <p>
 * Why one bean and not a {@code caller()} per resource: every resource asked the same two questions, and this is the
 * one place that knows how a seller is told from a token. Outside a request (a scheduled send released at its time,
 * for the seller who asked) the same two facts make a caller with {@link #Caller(String, boolean)}.
 */
@RequestScoped
public class Caller {

    private final String sellerId;
    private final boolean admin;

    @Inject
    Caller(SecurityIdentity identity, JsonWebToken token) {
        this(token != null && token.getSubject() != null ? token.getSubject() : identity.getPrincipal().getName(),
                identity.hasRole(Roles.ADMIN));
    }

    public Caller(String sellerId, boolean admin) {
        this.sellerId = sellerId;
        this.admin = admin;
    }

    /** The seller the request acts for: the token subject. */
    public String sellerId() {
        return sellerId;
    }

    /** An {@code sms-admin} sees (and may do) what any seller may. */
    public boolean admin() {
        return admin;
    }
}
