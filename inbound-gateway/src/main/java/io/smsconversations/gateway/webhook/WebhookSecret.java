package io.smsconversations.gateway.webhook;

import java.util.Optional;

/**
 * A secret that authenticates a provider's webhooks: its configuration property, the environment variable that sets
 * it, and its value if configured.
 *
 * @param property            e.g. {@code gateway.twilio.auth-token}
 * @param environmentVariable e.g. {@code TWILIO_AUTH_TOKEN}
 */
public record WebhookSecret(String property, String environmentVariable, Optional<String> value) {

    /** Names only: the value never reaches a log line or an exception message. */
    @Override
    public String toString() {
        return property + " (" + environmentVariable + ")";
    }
}
