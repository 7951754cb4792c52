package io.smsconversations.gateway.send;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import io.smsconversations.events.LogSafe;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;

/**
 * The {@code sending} health group ({@code /q/health/group/sending}): the send ledger's database, the
 * {@code send-requests} consumer and {@code send-results} producer connections, and sends that have been unfinished
 * for longer than {@code gateway.send.max-pending-age}. Deliberately not part of readiness: providers' webhooks need
 * Kafka only, and a ledger failover must not take the edge out of the load balancer. Alert on this group.
 */
@HealthGroup(SendingHealthCheck.GROUP)
@ApplicationScoped
public class SendingHealthCheck implements AsyncHealthCheck {

    public static final String GROUP = "sending";
    static final String NAME = "Outbound sending (ledger, send-requests, send-results)";
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final SendLedger ledger;
    private final SendLanes lanes;
    private final ProviderLanes providers;
    private final KafkaClientService kafka;
    private final SendConfig config;

    @Inject
    public SendingHealthCheck(SendLedger ledger, SendLanes lanes, ProviderLanes providers, KafkaClientService kafka,
            SendConfig config) {
        this.ledger = ledger;
        this.lanes = lanes;
        this.providers = providers;
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return ledger.ping().ifNoItem().after(PING_TIMEOUT).fail()
                .map(ignored -> "UP")
                .onFailure().recoverWithItem(failure -> "DOWN (" + LogSafe.failure(failure) + ")")
                .map(this::report);
    }

    private HealthCheckResponse report(String database) {
        boolean consumer = connected(consumerMetrics());
        boolean producer = connected(producerMetrics());
        Duration oldest = lanes.oldestAge();
        boolean fresh = oldest.compareTo(config.maxPendingAge()) <= 0;
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(database.equals("UP") && consumer && producer && fresh && !lanes.isDraining())
                .withData("ledger-database", database)
                .withData(SendRequestConsumer.CHANNEL, consumer ? "connected" : "not connected")
                .withData(SendResultPublisher.CHANNEL, producer ? "connected" : "not connected")
                .withData("in-flight", lanes.inFlight())
                .withData("oldest-in-flight-seconds", oldest.toSeconds())
                .withData("draining", lanes.isDraining());
        providers.breakerStates().forEach((provider, state) -> response.withData("circuit-breaker-" + provider,
                state));
        return response.build();
    }

    private Optional<Map<MetricName, ? extends Metric>> consumerMetrics() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(SendRequestConsumer.CHANNEL);
        return consumer == null ? Optional.empty() : Optional.of(consumer.unwrap().metrics());
    }

    private Optional<Map<MetricName, ? extends Metric>> producerMetrics() {
        KafkaProducer<Object, Object> producer = kafka.getProducer(SendResultPublisher.CHANNEL);
        return producer == null ? Optional.empty() : Optional.of(producer.unwrap().metrics());
    }

    /** As smallrye's own channel check: at least one open connection to the broker. */
    private static boolean connected(Optional<Map<MetricName, ? extends Metric>> metrics) {
        return metrics.flatMap(all -> all.entrySet().stream()
                .filter(entry -> entry.getKey().name().equals("connection-count"))
                .map(entry -> entry.getValue().metricValue())
                .filter(Number.class::isInstance)
                .map(value -> ((Number) value).doubleValue() >= 1.0)
                .findFirst())
                .orElse(false);
    }
}
