package io.smsconversations.gateway.provider.linkmobility;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** LINK Mobility's settings ({@code gateway.linkmobility.*}). */
@ConfigMapping(prefix = "gateway.linkmobility")
public interface LinkMobilityConfig {

    /** Whether this gateway serves LINK Mobility's callbacks; off unless set (dev mode and tests turn it on). */
    @WithDefault("false")
    boolean enabled();

    /**
     * The password of the HTTP basic auth set on the LINK gates that call us (the delivery-report gate and the
     * inbound-message route's gate). Secret; from {@code LINKMOBILITY_WEBHOOK_PASSWORD}; no default outside dev mode
     * and tests.
     */
    @WithName("webhook-password")
    Optional<String> configuredWebhookPassword();

    default String webhookPassword() {
        return configuredWebhookPassword().orElse("");
    }

    /** The user name of that basic auth. From {@code LINKMOBILITY_WEBHOOK_USERNAME}. */
    @WithDefault("linkmobility")
    String webhookUsername();

    /** The REST API node ({@code https://n-eu.linkmobility.io}, {@code c-eu}, {@code s-eu}, ...). */
    @WithDefault("https://n-eu.linkmobility.io")
    String apiBaseUrl();

    /** The API user LINK issued (basic auth of {@code /sms/send}). From {@code LINKMOBILITY_API_USERNAME}. */
    @WithDefault("local-linkmobility-api-user")
    String apiUsername();

    /** Its password. Secret; from {@code LINKMOBILITY_API_PASSWORD}. */
    @WithDefault("local-linkmobility-api-password")
    String apiPassword();

    /** The platform id LINK issued. From {@code LINKMOBILITY_PLATFORM_ID}. */
    @WithDefault("COMMON_API")
    String platformId();

    /** The platform partner id LINK issued. From {@code LINKMOBILITY_PLATFORM_PARTNER_ID}. */
    @WithDefault("local-linkmobility-partner")
    String platformPartnerId();

    /** The gate LINK sends our messages' delivery reports to (set up to call our delivery-report URL). */
    @WithDefault("local-linkmobility-dlr-gate")
    String deliveryReportGate();
}
