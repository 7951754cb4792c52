package io.smsconversations.gateway.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of every provider's webhooks, tagged by provider, so one dashboard shows them all:
 * {@code gateway.webhook.accepted{provider}} and {@code gateway.webhook.rejected{provider,reason}}.
 */
@ApplicationScoped
public class WebhookMetrics {

    public static final String ACCEPTED = "gateway.webhook.accepted";
    public static final String REJECTED = "gateway.webhook.rejected";

    @Inject
    MeterRegistry registry;

    public void accepted(String provider) {
        registry.counter(ACCEPTED, "provider", provider).increment();
    }

    public void rejected(String provider, Rejection reason) {
        registry.counter(REJECTED, "provider", provider, "reason", reason.tag()).increment();
    }
}
