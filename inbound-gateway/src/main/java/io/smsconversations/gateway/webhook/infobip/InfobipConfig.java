package io.smsconversations.gateway.webhook.infobip;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Infobip's settings ({@code gateway.infobip.*}). */
@ConfigMapping(prefix = "gateway.infobip")
public interface InfobipConfig {

    /** The local default; a production deployment must set its own. */
    String LOCAL_WEBHOOK_SECRET = "local-infobip-webhook-secret";

    /**
     * The shared secret Infobip's webhooks carry: in the {@code x-sms-webhook-secret} header, or as the password of
     * HTTP basic auth. Secret; from {@code INFOBIP_WEBHOOK_SECRET}.
     */
    String webhookSecret();

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
