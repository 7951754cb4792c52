package io.smsconversations.gateway;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings every provider adapter shares. Each provider has its own group under {@code gateway.<provider>} (for
 * example {@code gateway.twilio}), declared beside its adapter, so adding a provider does not touch this file.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /**
     * The scheme, host (and port, and path prefix if an ingress adds one) under which providers reach this service,
     * e.g. {@code https://sms.example.com}. Signatures are computed by the provider over the URL it called, which
     * behind a proxy is not the URL this process sees, so it is configuration and never taken from the request.
     */
    String publicBaseUrl();

    Kafka kafka();

    interface Kafka {

        /**
         * The longest a webhook waits for Kafka to acknowledge its event before it answers 503. Must stay below the
         * provider's own read timeout (Twilio: 15 s), or the provider gives up before it hears our answer.
         */
        @WithDefault("10s")
        Duration ackTimeout();

        /** The {@code Retry-After} a 503 suggests to the provider. */
        @WithDefault("5s")
        Duration retryAfter();
    }
}
