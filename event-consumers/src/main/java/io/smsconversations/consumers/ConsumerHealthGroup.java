package io.smsconversations.consumers;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

/** The consumers' outage state at {@code /q/health/group/consumers}, whatever readiness is set to report. */
@HealthGroup("consumers")
@ApplicationScoped
public class ConsumerHealthGroup implements HealthCheck {

    private final ChannelOutages outages;

    public ConsumerHealthGroup(ChannelOutages outages) {
        this.outages = outages;
    }

    @Override
    public HealthCheckResponse call() {
        return ConsumerReadiness.answer(outages);
    }
}
