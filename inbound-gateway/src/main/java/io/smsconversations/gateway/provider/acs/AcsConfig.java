package io.smsconversations.gateway.provider.acs;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Azure Communication Services' settings ({@code gateway.acs.*}). */
@ConfigMapping(prefix = "gateway.acs")
public interface AcsConfig {

    /** Whether this gateway serves the Event Grid webhook; off unless set (dev mode and tests turn it on). */
    @WithDefault("false")
    boolean enabled();

    /**
     * The secret the Event Grid subscription's webhook URL carries ({@code ?code=<secret>}) or, where headers can be
     * set (Event Grid delivery properties), in {@code x-sms-webhook-secret}. Secret; from {@code ACS_WEBHOOK_SECRET};
     * no default outside dev mode and tests.
     */
    @WithName("webhook-secret")
    Optional<String> configuredWebhookSecret();

    /** The webhook secret, empty when none is set (the gateway then refuses to start if ACS is enabled). */
    default String webhookSecret() {
        return configuredWebhookSecret().orElse("");
    }

    /**
     * The name of the Event Grid subscription allowed to call, compared with {@code aeg-subscription-name} (case
     * ignored: Event Grid sends it in capitals). From {@code ACS_EVENT_SUBSCRIPTION_NAME}.
     */
    String subscriptionName();

    /**
     * What the CloudEvents validation handshake grants Event Grid as {@code WebHook-Allowed-Rate}: requests per
     * minute, or {@code *} for no limit. From {@code ACS_WEBHOOK_ALLOWED_RATE}.
     */
    @WithDefault("*")
    String allowedRate();

    /** The resource's endpoint, {@code https://<resource>.communication.azure.com}. From {@code ACS_ENDPOINT}. */
    @WithDefault("https://local.communication.azure.com")
    String endpoint();

    /** The resource's access key (base64, as the portal shows it), for HMAC-SHA256 request signing. Secret; from
     * {@code ACS_ACCESS_KEY}. */
    @WithDefault("bG9jYWwtYWNzLWFjY2Vzcy1rZXk=")
    String accessKey();
}
