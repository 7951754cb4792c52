package io.smsconversations.routing.messaging;

import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Channels waiting for Kafka. A consumer whose work failed because the broker did not acknowledge a send (it is away
 * or unreachable) does not dead-letter the record: it waits for the broker with the record unacknowledged, so the
 * partition pauses there and its offset is not committed. Meanwhile the readiness check {@link KafkaOutageHealth} is
 * DOWN (naming the channels), so the instance is taken out of load balancing and operators see why; liveness stays
 * UP, because the instance recovers on its own once the broker is back.
 */
@ApplicationScoped
public class KafkaOutage {

    static final String NAME = "routing-kafka-outage";

    /** Per channel waiting for the broker: how many attempts the broker has failed so far. */
    private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();

    /** Whether {@code failure} says the broker did not take a send (a retriable Kafka error, a delivery timeout). */
    public static boolean isBrokerFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** An attempt of {@code channel} failed because of the broker; it will be tried again. */
    public void waiting(String channel) {
        waiting.computeIfAbsent(channel, c -> new AtomicLong()).incrementAndGet();
    }

    public void recovered(String channel) {
        waiting.remove(channel);
    }

    /** Reported by {@link KafkaOutageHealth}. */
    public HealthCheckResponse health() {
        if (waiting.isEmpty()) {
            return HealthCheckResponse.up(NAME);
        }
        HealthCheckResponseBuilder down = HealthCheckResponse.named(NAME).down()
                .withData("waitingForKafka", String.join(",", new TreeSet<>(waiting.keySet())));
        // How long they have been waiting, in attempts the broker failed (the backoff grows to 30 s between them).
        return down.withData("failedAttempts", waiting.values().stream().mapToLong(AtomicLong::get).sum()).build();
    }
}
