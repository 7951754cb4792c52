package io.smsconversations.gateway.send;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of outbound sends:
 * <ul>
 * <li>{@code gateway.send.requests{provider,outcome}}: {@code accepted}, {@code failed}, {@code republished},
 * {@code resumed} (taken over after another holder's lease ended), {@code handed-over}, {@code dead-lettered};</li>
 * <li>{@code gateway.send.retries{provider}} (each further call) and {@code gateway.send.retries.exhausted{provider}};
 * </li>
 * <li>{@code gateway.send.lookups{provider,result}}: {@code found}, {@code not-found}, {@code unanswered};</li>
 * <li>{@code gateway.send.lease.waits{provider}}: each read of a row another replica holds;</li>
 * <li>{@code gateway.send.step.failures{step}}: each failed try of a database or Kafka step;</li>
 * <li>gauges {@code gateway.send.in-flight} and {@code gateway.send.oldest.age} (seconds).</li>
 * </ul>
 */
@ApplicationScoped
public class SendMetrics {

    public static final String REQUESTS = "gateway.send.requests";
    public static final String RETRIES = "gateway.send.retries";
    public static final String EXHAUSTED = "gateway.send.retries.exhausted";
    public static final String LOOKUPS = "gateway.send.lookups";
    public static final String LEASE_WAITS = "gateway.send.lease.waits";
    public static final String STEP_FAILURES = "gateway.send.step.failures";

    private final MeterRegistry registry;
    // Gauges hold their object weakly: keep the lanes reachable from here.
    private final SendLanes lanes;

    @Inject
    public SendMetrics(MeterRegistry registry, SendLanes lanes) {
        this.registry = registry;
        this.lanes = lanes;
        Gauge.builder("gateway.send.in-flight", this.lanes, SendLanes::inFlight)
                .description("send requests taken and not finished").register(registry);
        Gauge.builder("gateway.send.oldest.age", this.lanes, l -> l.oldestAge().toMillis() / 1000.0)
                .description("seconds since the oldest unfinished send request was taken").baseUnit("seconds")
                .register(registry);
    }

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

    public void lookup(String provider, String result) {
        registry.counter(LOOKUPS, "provider", provider, "result", result).increment();
    }

    public void leaseWait(String provider) {
        registry.counter(LEASE_WAITS, "provider", provider).increment();
    }

    public void stepFailure(String step) {
        registry.counter(STEP_FAILURES, "step", step).increment();
    }
}
