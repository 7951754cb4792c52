package io.smsconversations.gateway.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of outbound sends: {@code gateway.send.requests{provider,outcome}} (outcome {@code accepted},
 * {@code failed}, {@code republished}, {@code dead-lettered}), {@code gateway.send.retries{provider}} (each retry of a
 * call) and {@code gateway.send.retries.exhausted{provider}}.
 */
@ApplicationScoped
public class SendMetrics {

    public static final String REQUESTS = "gateway.send.requests";
    public static final String RETRIES = "gateway.send.retries";
    public static final String EXHAUSTED = "gateway.send.retries.exhausted";

    @Inject
    MeterRegistry registry;

    public void outcome(String provider, String outcome) {
        registry.counter(REQUESTS, "provider", provider == null ? "unknown" : provider, "outcome", outcome)
                .increment();
    }

    public void retry(String provider) {
        registry.counter(RETRIES, "provider", provider).increment();
    }

    public void retriesExhausted(String provider) {
        registry.counter(EXHAUSTED, "provider", provider).increment();
    }
}
