package io.smsconversations.gateway.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of every provider's webhooks, tagged by provider, so one dashboard shows them all:
 * {@code gateway.webhook.accepted{provider}} (events published), {@code gateway.webhook.rejected{provider,reason}}
 * (requests refused) and {@code gateway.webhook.skipped{provider}} (elements of an accepted batch that could not be
 * mapped, so were not published).
 */
@ApplicationScoped
public class WebhookMetrics {

    public static final String ACCEPTED = "gateway.webhook.accepted";
    public static final String REJECTED = "gateway.webhook.rejected";
    public static final String SKIPPED = "gateway.webhook.skipped";

    private final MeterRegistry registry;

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String provider) {
        registry.counter(ACCEPTED, "provider", provider).increment();
    }

    public void rejected(String provider, Rejection reason) {
        registry.counter(REJECTED, "provider", provider, "reason", reason.tag()).increment();
    }

    public void skipped(String provider) {
        registry.counter(SKIPPED, "provider", provider).increment();
    }
}
