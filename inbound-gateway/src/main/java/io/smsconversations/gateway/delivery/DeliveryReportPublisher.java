package io.smsconversations.gateway.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smsconversations.events.DeliveryReportReceived;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayConfig;
import io.smsconversations.gateway.inbound.PublishFailedException;

/**
 * Publishes any provider's delivery report to {@link Topics#DELIVERY_REPORTS}, as a binary-mode CloudEvent keyed by
 * the provider's message id (a message's reports stay in order), and completes only once Kafka acknowledged it
 * (acks=all), with the same semantics as inbound messages: the provider hears 2xx only for a durable report.
 */
@ApplicationScoped
public class DeliveryReportPublisher {

    /** The channel configured in application.properties; its topic is {@link Topics#DELIVERY_REPORTS}. */
    static final String CHANNEL = "delivery-reports";

    private static final URI SOURCE = URI.create(EventTypes.SOURCE_INBOUND_GATEWAY);

    private final MutinyEmitter<DeliveryReportReceived> emitter;
    private final GatewayConfig config;

    DeliveryReportPublisher(@Channel(CHANNEL) MutinyEmitter<DeliveryReportReceived> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Emits {@code report} and completes with its event id once Kafka acknowledged it; fails with
     * {@link PublishFailedException} when Kafka refused it or did not answer within {@code gateway.kafka.ack-timeout}.
     */
    public Uni<String> publish(DeliveryReportReceived report) {
        String eventId = eventId(report);
        Duration ackTimeout = config.kafka().ackTimeout();
        return emitter.sendMessage(toMessage(eventId, report))
                .ifNoItem().after(ackTimeout).failWith(() -> new TimeoutException(
                        "no acknowledgement from Kafka within " + ackTimeout.toMillis() + " ms"))
                .onFailure().transform(failure -> new PublishFailedException(eventId,
                        "Kafka did not take event " + eventId + ": " + failure, failure))
                .replaceWith(eventId);
    }

    /**
     * Emits every report of one provider request at once and completes when Kafka acknowledged all of them; fails if
     * any one was not acknowledged (the provider then retries the whole batch, and the repeats share their ids).
     */
    public Uni<List<String>> publishAll(List<DeliveryReportReceived> reports) {
        if (reports.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<String>> sends = reports.stream().map(this::publish).toList();
        return Uni.join().all(sends).andCollectFailures();
    }

    public static String eventId(DeliveryReportReceived report) {
        return EventIds.deliveryReport(report.provider(), report.providerMessageId(), report.status());
    }

    private static Message<DeliveryReportReceived> toMessage(String eventId, DeliveryReportReceived report) {
        OutgoingCloudEventMetadata<?> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(eventId)
                .withType(EventTypes.DELIVERY_REPORT_RECEIVED)
                .withSource(SOURCE)
                .withSubject(report.providerMessageId())
                .withTimestamp(report.reportedAt().atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(report.providerMessageId())
                .build();
        return Message.of(report, Metadata.of(cloudEvent, record));
    }
}
