package io.smsconversations.gateway.inbound;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.InboundMessageReceived;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayConfig;

/**
 * Publishes what any provider adapter received to {@link Topics#INBOUND_MESSAGES}, as a binary-mode CloudEvent, and
 * completes only once Kafka acknowledged it (acks=all), so a webhook can tell its provider "got it" truthfully.
 */
@ApplicationScoped
public class InboundMessagePublisher {

    /** The channel configured in application.properties; its topic is {@link Topics#INBOUND_MESSAGES}. */
    static final String CHANNEL = "inbound-messages";

    private static final URI SOURCE = URI.create(EventTypes.SOURCE_INBOUND_GATEWAY);

    private final MutinyEmitter<InboundMessageReceived> emitter;
    private final GatewayConfig config;

    InboundMessagePublisher(@Channel(CHANNEL) MutinyEmitter<InboundMessageReceived> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    /**
     * Emits {@code message} and completes with its event id once Kafka acknowledged it; fails with
     * {@link PublishFailedException} when Kafka refused it or did not answer within {@code gateway.kafka.ack-timeout}.
     */
    public Uni<String> publish(InboundMessageReceived message) {
        String eventId = EventIds.inboundMessage(message.provider(), message.providerMessageId());
        Duration ackTimeout = config.kafka().ackTimeout();
        return emitter.sendMessage(toMessage(eventId, message))
                .ifNoItem().after(ackTimeout).failWith(() -> new TimeoutException(
                        "no acknowledgement from Kafka within " + ackTimeout.toMillis() + " ms"))
                .onFailure().transform(failure -> new PublishFailedException(eventId,
                        "Kafka did not take event " + eventId + ": " + failure, failure))
                .replaceWith(eventId);
    }

    private static Message<InboundMessageReceived> toMessage(String eventId, InboundMessageReceived message) {
        OutgoingCloudEventMetadata<?> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(eventId)
                .withType(EventTypes.INBOUND_MESSAGE_RECEIVED)
                .withSource(SOURCE)
                .withSubject(message.providerMessageId())
                .withTimestamp(message.receivedAt().atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(ConversationKey.of(message.from(), message.to()))
                .build();
        return Message.of(message, Metadata.of(cloudEvent, record));
    }
}
