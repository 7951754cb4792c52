package io.smsconversations.gateway.provider.telesign;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Telesign's settings ({@code gateway.telesign.*}). */
@ConfigMapping(prefix = "gateway.telesign")
public interface TelesignConfig {

    /** Whether this gateway serves Telesign's callbacks; off unless set (dev mode and tests turn it on). */
    @WithDefault("false")
    boolean enabled();

    /**
     * The account's API key (base64, from the Telesign portal). Telesign signs every callback with it, and it is the
     * password of the send API's basic auth. Secret; from {@code TELESIGN_API_KEY}; no default outside dev mode and
     * tests.
     */
    @WithName("api-key")
    Optional<String> configuredApiKey();

    /** The API key, empty when none is set (the gateway then refuses to start if Telesign is enabled). */
    default String apiKey() {
        return configuredApiKey().orElse("");
    }

    /**
     * The account's customer id: the user of the send API's basic auth, and the id a callback's
     * {@code Authorization: TSA <customer id>:<signature>} names. From {@code TELESIGN_CUSTOMER_ID}.
     */
    @WithName("customer-id")
    Optional<String> configuredCustomerId();

    default String customerId() {
        return configuredCustomerId().orElse("");
    }

    /** The REST API's base URL. From {@code TELESIGN_API_BASE_URL}. */
    @WithDefault("https://rest-api.telesign.com")
    String apiBaseUrl();
}
