package io.smsconversations.gateway.webhook.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Twilio's settings ({@code gateway.twilio.*}). */
@ConfigMapping(prefix = "gateway.twilio")
public interface TwilioConfig {

    /** The local default; a production deployment must set {@code TWILIO_AUTH_TOKEN}. */
    String LOCAL_AUTH_TOKEN = "local-twilio-auth-token";

    /**
     * The account's auth token (primary): the key Twilio signs each webhook with. Secret; from
     * {@code TWILIO_AUTH_TOKEN}.
     */
    String authToken();

    /** The account SID the Messages API is called with (user of basic auth, part of the URL). From
     * {@code TWILIO_ACCOUNT_SID}. */
    @WithDefault("AC00000000000000000000000000000000")
    String accountSid();

    /** Where Twilio's REST API is: {@code https://api.twilio.com}; a fake in tests, the simulator locally. From
     * {@code TWILIO_API_BASE_URL}. */
    @WithDefault("https://api.twilio.com")
    String apiBaseUrl();
}
