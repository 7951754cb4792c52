package io.smsconversations.gateway.send;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.SendAccepted;
import io.smsconversations.events.SendFailed;
import io.smsconversations.events.Topics;
import io.smsconversations.gateway.GatewayConfig;
import io.smsconversations.gateway.inbound.PublishFailedException;

/**
 * Publishes {@link SendAccepted} and {@link SendFailed} to {@link Topics#SEND_RESULTS} as binary-mode CloudEvents,
 * key = message id (one message's results stay in order), id as the records' javadoc says (derived from the request
 * id, so a re-published result is a repeat consumers drop), and completes once Kafka acknowledged (acks=all).
 */
@ApplicationScoped
public class SendResultPublisher {

    static final String CHANNEL = "send-results";

    private static final URI SOURCE = URI.create(EventTypes.SOURCE_INBOUND_GATEWAY);

    private final MutinyEmitter<Object> emitter;
    private final GatewayConfig config;

    SendResultPublisher(@Channel(CHANNEL) MutinyEmitter<Object> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    public static String eventId(SendAccepted accepted) {
        return EventIds.derived("send-accepted", accepted.requestId());
    }

    public static String eventId(SendFailed failed) {
        return EventIds.derived("send-failed", failed.requestId());
    }

    public Uni<Void> publish(SendAccepted accepted) {
        return send(eventId(accepted), EventTypes.SEND_ACCEPTED, accepted.messageId(), accepted.acceptedAt(),
                accepted);
    }

    public Uni<Void> publish(SendFailed failed) {
        return send(eventId(failed), EventTypes.SEND_FAILED, failed.messageId(), failed.failedAt(), failed);
    }

    private Uni<Void> send(String eventId, String type, String messageId, Instant time, Object payload) {
        OutgoingCloudEventMetadata<?> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(eventId)
                .withType(type)
                .withSource(SOURCE)
                .withSubject(messageId)
                .withTimestamp(time.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String> builder()
                .withKey(messageId)
                .build();
        Duration ackTimeout = config.kafka().ackTimeout();
        return emitter.sendMessage(Message.of(payload, Metadata.of(cloudEvent, record)))
                .ifNoItem().after(ackTimeout).failWith(() -> new TimeoutException(
                        "no acknowledgement from Kafka within " + ackTimeout.toMillis() + " ms"))
                .onFailure().transform(failure -> new PublishFailedException(eventId,
                        "Kafka did not take event " + eventId + ": " + failure, failure));
    }
}
