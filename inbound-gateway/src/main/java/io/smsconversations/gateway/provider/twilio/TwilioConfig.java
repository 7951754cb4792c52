package io.smsconversations.gateway.provider.twilio;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Twilio's settings ({@code gateway.twilio.*}). */
@ConfigMapping(prefix = "gateway.twilio")
public interface TwilioConfig {

    /** Whether this gateway serves Twilio's webhooks; off unless set (dev mode and tests turn it on). */
    @WithDefault("false")
    boolean enabled();

    /**
     * The account's auth token (primary): the key Twilio signs each webhook with. Secret; from
     * {@code TWILIO_AUTH_TOKEN}; no default outside dev mode and tests.
     */
    @WithName("auth-token")
    Optional<String> configuredAuthToken();

    /** The auth token, empty when none is set (the gateway then refuses to start if Twilio is enabled). */
    default String authToken() {
        return configuredAuthToken().orElse("");
    }

    /** The account SID the Messages API is called with (user of basic auth, part of the URL). From
     * {@code TWILIO_ACCOUNT_SID}. */
    @WithDefault("AC00000000000000000000000000000000")
    String accountSid();

    /** Where Twilio's REST API is: {@code https://api.twilio.com}; a fake in tests, the simulator locally. From
     * {@code TWILIO_API_BASE_URL}. */
    @WithDefault("https://api.twilio.com")
    String apiBaseUrl();
}
