package io.smsconversations.gateway.webhook.twilio;

import io.smallrye.config.ConfigMapping;

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
}
