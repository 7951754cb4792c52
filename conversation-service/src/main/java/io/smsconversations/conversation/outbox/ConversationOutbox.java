package io.smsconversations.conversation.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.ConversationOptOutChanged;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.Topics;

/**
 * Appends the conversation events of {@code Topics.CONVERSATION_EVENTS}, keyed by conversation id, to the
 * transactional outbox in the caller's transaction (so each is announced exactly when the change commits); it
 * publishes nothing itself: {@link OutboxRelay} does. Every event is built from stored rows only, with a
 * deterministic id.
 */
@ApplicationScoped
public class ConversationOutbox {

    /** {@code cause} of a {@link ConversationOptOutChanged} that a customer's keyword reply made. */
    public static final String CAUSE_KEYWORD = "KEYWORD";
    /** {@code cause} of a {@link ConversationOptOutChanged} that a provider's report made (Twilio 21610). */
    public static final String CAUSE_PROVIDER_REPORT = "PROVIDER_REPORT";

    private final Outbox outbox;

    ConversationOutbox(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The event id of {@link ConversationMessageAdded} for one message. */
    public static String messageAddedId(Object messageId) {
        return EventIds.derived("message-added", messageId.toString());
    }

    public static ConversationMessageAdded messageAdded(Conversation conversation, ConversationMessage message) {
        return new ConversationMessageAdded(conversation.id.toString(), message.id.toString(), conversation.record(),
                conversation.customerNumber, conversation.businessNumber, message.direction, message.body,
                message.occurredAt, message.alerts.items());
    }

    public Uni<Void> appendMessageAdded(Conversation conversation, ConversationMessage message) {
        ConversationMessageAdded event = messageAdded(conversation, message);
        return outbox.append(new OutboxEvent(Topics.CONVERSATION_EVENTS, event.conversationId(),
                messageAddedId(message.id), EventTypes.CONVERSATION_MESSAGE_ADDED, event.conversationId(),
                message.storedAt, event));
    }

    /** The outbound message's status as it is now (it has just moved forward). */
    public Uni<Void> appendStatusChanged(Conversation conversation, ConversationMessage message) {
        ConversationMessageStatusChanged event = new ConversationMessageStatusChanged(conversation.id.toString(),
                message.id.toString(), conversation.record(), conversation.customerNumber,
                conversation.businessNumber, message.sentBy, message.deliveryStatus, message.failureReason,
                message.providerErrorCode, message.providerErrorText, message.statusUpdatedAt);
        return outbox.append(new OutboxEvent(Topics.CONVERSATION_EVENTS, event.conversationId(),
                EventIds.messageStatus(event.messageId(), message.deliveryStatus),
                EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED, event.conversationId(), message.statusUpdatedAt,
                event));
    }

    /**
     * @param conversationId the conversation whose message changed it, or null (a report on a message not known
     *                       yet): then the key is the conversation key of the two numbers
     */
    public Uni<Void> appendOptOutChanged(String conversationId, String customer, String business, boolean optedOut,
            String cause, String sourceEventId, Instant changedAt) {
        // The time as stored (PostgreSQL keeps microseconds), so the event says what the database says.
        ConversationOptOutChanged event = new ConversationOptOutChanged(conversationId, customer, business, optedOut,
                cause, sourceEventId, changedAt.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        String key = conversationId != null ? conversationId : ConversationKey.of(customer, business);
        return outbox.append(new OutboxEvent(Topics.CONVERSATION_EVENTS, key,
                EventIds.derived("opt-out-changed", sourceEventId), EventTypes.CONVERSATION_OPT_OUT_CHANGED,
                conversationId, event.changedAt(), event));
    }

    public Uni<Void> appendMoved(ConversationMoved event) {
        return outbox.append(new OutboxEvent(Topics.CONVERSATION_EVENTS, event.conversationId(),
                EventIds.derived("conversation-moved", event.moveId()), EventTypes.CONVERSATION_MOVED,
                event.conversationId(), event.movedAt(), event));
    }
}
