package io.smsconversations.gateway.provider.infobip;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Infobip's settings ({@code gateway.infobip.*}). */
@ConfigMapping(prefix = "gateway.infobip")
public interface InfobipConfig {

    /** Whether this gateway serves Infobip's webhooks; off unless set (dev mode and tests turn it on). */
    @WithDefault("false")
    boolean enabled();

    /**
     * The shared secret Infobip's webhooks carry: in the {@code x-sms-webhook-secret} header, or as the password of
     * HTTP basic auth. Secret; from {@code INFOBIP_WEBHOOK_SECRET}; no default outside dev mode and tests.
     */
    @WithName("webhook-secret")
    Optional<String> configuredWebhookSecret();

    /** The webhook secret, empty when none is set (the gateway then refuses to start if Infobip is enabled). */
    default String webhookSecret() {
        return configuredWebhookSecret().orElse("");
    }

    /** The user name basic auth must carry beside the secret. From {@code INFOBIP_BASIC_AUTH_USERNAME}. */
    @WithDefault("infobip")
    String basicAuthUsername();

    /** The account's API base URL ({@code https://<id>.api.infobip.com}). From {@code INFOBIP_API_BASE_URL}. */
    @WithDefault("https://api.infobip.com")
    String apiBaseUrl();

    /** The API key, sent as {@code Authorization: App <key>}. Secret; from {@code INFOBIP_API_KEY}. */
    @WithDefault("local-infobip-api-key")
    String apiKey();
}
