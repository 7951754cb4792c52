package io.smsconversations.consumers;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code event-consumers}: DOWN while a channel waits out an outage (see {@link ChannelOutages}),
 * with {@code waiting} (the channels) and, per channel, {@code <channel>.waitingFor} (database, kafka, network),
 * {@code .since}, {@code .records} and {@code .failedAttempts}. A service whose readiness must not
 * depend on its consumers (the gateway: providers' webhooks need only Kafka) sets
 * {@code sms.consumer.readiness.enabled=false} and reads the same answer at {@code /q/health/group/consumers}
 * ({@link ConsumerHealthGroup}).
 */
@Readiness
@ApplicationScoped
public class ConsumerReadiness implements HealthCheck {

    static final String NAME = "event-consumers";

    private final ChannelOutages outages;
    private final boolean enabled;

    public ConsumerReadiness(ChannelOutages outages,
            @ConfigProperty(name = "sms.consumer.readiness.enabled", defaultValue = "true") boolean enabled) {
        this.outages = outages;
        this.enabled = enabled;
    }

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named(NAME).up()
                    .withData("reported", "in /q/health/group/consumers (sms.consumer.readiness.enabled=false)")
                    .build();
        }
        return answer(outages);
    }

    static HealthCheckResponse answer(ChannelOutages outages) {
        Map<String, ChannelOutages.Snapshot> waiting = outages.waiting();
        if (waiting.isEmpty()) {
            return HealthCheckResponse.up(NAME);
        }
        HealthCheckResponseBuilder down = HealthCheckResponse.named(NAME).down();
        down.withData("waiting", String.join(",", waiting.keySet()));
        waiting.forEach((channel, wait) -> down
                .withData(channel + ".waitingFor", String.join(",", new java.util.TreeSet<>(wait.dependencies())))
                .withData(channel + ".since", String.valueOf(wait.since()))
                .withData(channel + ".records", wait.records())
                .withData(channel + ".failedAttempts", wait.failedAttempts()));
        return down.build();
    }
}
