package io.smsconversations.console.settings;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the page reads at start-up (GET /settings.json). Public: it names endpoints, never a secret. */
@Schema(description = "Where the seller console finds the APIs and the OIDC provider")
public record PageSettings(
        @Schema(description = "conversation-service base URL", example = "http://localhost:8083") String conversationApi,
        @Schema(description = "notification-service base URL", example = "http://localhost:8084") String notificationApi,
        @Schema(description = "OIDC issuer", example = "http://localhost:8280/realms/sms-conversations") String authority,
        @Schema(description = "OIDC public client id", example = "seller-console") String clientId) {

    static PageSettings of(ConsoleSettings settings) {
        return new PageSettings(trimSlash(settings.conversationApiUrl()), trimSlash(settings.notificationApiUrl()),
                trimSlash(settings.oidc().authority()), settings.oidc().clientId());
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
