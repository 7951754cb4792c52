package io.smsconversations.routing.messaging;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.Executor;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smsconversations.consumers.CallerContext;
import io.smsconversations.events.EventTypes;

/**
 * Outgoing binary-mode CloudEvents (conventions: the payload JSON is the Kafka value, the attributes {@code ce_*}
 * headers) with the key the contract names. A null value is a tombstone.
 */
public final class CloudEventMessages {

    private static final URI SOURCE = URI.create(EventTypes.SOURCE_ROUTING_SERVICE);

    private CloudEventMessages() {
    }

    public static Message<Record<String, String>> of(String key, String jsonOrNull, String id, String type,
            String subject) {
        OutgoingCloudEventMetadataBuilder<Object> ce = OutgoingCloudEventMetadata.builder()
                .withId(id)
                .withType(type)
                .withSource(SOURCE)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC));
        if (jsonOrNull != null) {
            ce.withDataContentType("application/json");
        }
        if (subject != null) {
            ce.withSubject(subject);
        }
        return Message.of(Record.of(key, jsonOrNull), Metadata.of(ce.build()));
    }

    /**
     * Sends {@code message} and completes when the broker acknowledged it, back on the Vert.x context of whoever
     * subscribed: the producer acknowledges on its own thread, where neither Hibernate Reactive nor a request's
     * context can continue, so no caller has to remember to come back.
     */
    public static Uni<Void> send(MutinyEmitter<Record<String, String>> emitter,
            Message<Record<String, String>> message) {
        return Uni.createFrom().deferred(() -> {
            Executor caller = CallerContext.executor();
            return emitter.sendMessage(message).emitOn(caller);
        });
    }
}
