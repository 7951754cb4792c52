package io.smsconversations.console.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Where the page finds the APIs and the OIDC provider. The browser calls them directly (they answer CORS for the
 * console's origin), so the same build runs in the local run, in tests and behind an ingress: only these change.
 */
@ConfigMapping(prefix = "console")
public interface ConsoleSettings {

    /** Base URL of conversation-service as the browser reaches it, e.g. {@code http://localhost:8083}. */
    @WithName("conversation-api-url")
    String conversationApiUrl();

    /** Base URL of notification-service as the browser reaches it. */
    @WithName("notification-api-url")
    String notificationApiUrl();

    Oidc oidc();

    interface Oidc {

        /** The issuer (a Keycloak realm URL): its discovery document names the endpoints. */
        String authority();

        /** The public client of the console (authorization code flow with PKCE, no secret). */
        @WithName("client-id")
        String clientId();
    }
}
