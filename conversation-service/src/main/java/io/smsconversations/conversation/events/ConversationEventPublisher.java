package io.smsconversations.conversation.events;

import java.net.URI;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;

/**
 * Publishes conversation events to {@code Topics.CONVERSATION_EVENTS}, keyed by conversation id. Every event is
 * built from stored rows only, so publishing the same message twice publishes the same event (same id, same
 * payload, same time) and consumers drop the repeat by its id.
 */
@ApplicationScoped
public class ConversationEventPublisher {

    public static final String CHANNEL = "conversation-events";

    private static final URI SOURCE = URI.create(EventTypes.SOURCE_CONVERSATION_SERVICE);

    @Inject
    @Channel(CHANNEL)
    MutinyEmitter<ConversationMessageAdded> emitter;

    /** The event id of {@link ConversationMessageAdded} for one message. */
    public static String messageAddedId(Object messageId) {
        return EventIds.derived("message-added", messageId.toString());
    }

    public static ConversationMessageAdded messageAdded(Conversation conversation, ConversationMessage message) {
        return new ConversationMessageAdded(conversation.id.toString(), message.id.toString(), conversation.record(),
                conversation.customerNumber, conversation.businessNumber, message.direction, message.body,
                message.occurredAt, message.alerts.items());
    }

    /** Completes when the broker has acknowledged the event (acks=all), fails when it could not take it. */
    public Uni<Void> publishMessageAdded(Conversation conversation, ConversationMessage message) {
        ConversationMessageAdded event = messageAdded(conversation, message);
        OutgoingCloudEventMetadata<ConversationMessageAdded> cloudEvent = OutgoingCloudEventMetadata
                .<ConversationMessageAdded>builder()
                .withId(messageAddedId(message.id))
                .withType(EventTypes.CONVERSATION_MESSAGE_ADDED)
                .withSource(SOURCE)
                .withSubject(event.conversationId())
                .withTimestamp(message.storedAt.atZone(ZoneOffset.UTC))
                .build();
        OutgoingKafkaRecordMetadata<String> record = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.conversationId())
                .build();
        return emitter.sendMessage(Message.of(event).addMetadata(cloudEvent).addMetadata(record));
    }
}
