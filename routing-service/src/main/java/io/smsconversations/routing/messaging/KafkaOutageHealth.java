package io.smsconversations.routing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness check {@code routing-kafka-outage}: DOWN while a consumer waits for Kafka (see {@link KafkaOutage}). */
@Readiness
@ApplicationScoped
public class KafkaOutageHealth implements HealthCheck {

    @Inject
    KafkaOutage outage;

    @Override
    public HealthCheckResponse call() {
        return outage.health();
    }
}
