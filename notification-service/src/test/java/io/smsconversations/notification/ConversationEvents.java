package io.smsconversations.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.smsconversations.events.AlertRecipient;
import io.smsconversations.events.ConversationMessageAdded;
import io.smsconversations.events.ConversationMessageStatusChanged;
import io.smsconversations.events.ConversationMoved;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.FailureReason;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.MessageDirection;
import io.smsconversations.events.Owner;
import io.smsconversations.events.RecordRef;
import io.smsconversations.events.RecordType;
import io.smsconversations.events.Topics;
import io.smsconversations.testing.KafkaTestClient;

/** Builds and publishes the events conversation-service would, with ids unique to each test. */
final class ConversationEvents {

    static final String CUSTOMER = "+14255550123";
    static final String BUSINESS = "+14255550100";

    private static final KafkaTestClient KAFKA = KafkaTestClient.forSuite();

    private ConversationEvents() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ConversationMessageAdded inbound(String body, AlertRecipient... alerts) {
        return message(MessageDirection.INBOUND, body, alerts);
    }

    static ConversationMessageAdded message(MessageDirection direction, String body, AlertRecipient... alerts) {
        String recordId = unique("contact");
        return new ConversationMessageAdded(unique("conv"), unique("msg"),
                new RecordRef(recordId, RecordType.CONTACT, "Ada Lovelace", Owner.seller("owner")),
                CUSTOMER, BUSINESS, direction, body, Instant.now(), List.of(alerts));
    }

    static AlertRecipient privileged(String sellerId) {
        return new AlertRecipient(sellerId, true);
    }

    static AlertRecipient unprivileged(String sellerId) {
        return new AlertRecipient(sellerId, false);
    }

    static String eventId(ConversationMessageAdded event) {
        return EventIds.derived("message-added", event.messageId());
    }

    /** Publishes {@code event} as conversation-service does: key the conversation id. */
    static void publish(ConversationMessageAdded event) {
        publish(event, eventId(event));
    }

    static void publish(ConversationMessageAdded event, String eventId) {
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, event.conversationId(), eventId,
                EventTypes.CONVERSATION_MESSAGE_ADDED, event);
    }

    static ConversationMessageStatusChanged status(RecordRef record, String sentBy, DeliveryStatus status,
            FailureReason reason, String providerCode) {
        return new ConversationMessageStatusChanged(unique("conv"), unique("msg"), record, CUSTOMER, BUSINESS, sentBy,
                status, reason, providerCode, "provider says no", Instant.now());
    }

    static ConversationMessageStatusChanged sameConversation(ConversationMessageStatusChanged event,
            DeliveryStatus status, FailureReason reason, String providerCode) {
        return new ConversationMessageStatusChanged(event.conversationId(), unique("msg"), event.record(),
                event.customerNumber(), event.businessNumber(), event.sentBy(), status, reason, providerCode, null,
                Instant.now());
    }

    static String eventId(ConversationMessageStatusChanged event) {
        return EventIds.messageStatus(event.messageId(), event.status());
    }

    static void publish(ConversationMessageStatusChanged event) {
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, event.conversationId(), eventId(event),
                EventTypes.CONVERSATION_MESSAGE_STATUS_CHANGED, event);
    }

    static ConversationMoved moved(RecordRef from, RecordRef to, String movedBy) {
        return new ConversationMoved(unique("move"), unique("conv"), from, to, CUSTOMER, BUSINESS, movedBy,
                Instant.now());
    }

    static void publish(ConversationMoved event) {
        KAFKA.publishEvent(Topics.CONVERSATION_EVENTS, event.conversationId(),
                EventIds.derived("conversation-moved", event.moveId()), EventTypes.CONVERSATION_MOVED, event);
    }

    static RecordRef record(String name, Owner owner) {
        return new RecordRef(unique("rec"), RecordType.ACCOUNT, name, owner);
    }

    static KafkaTestClient kafka() {
        return KAFKA;
    }
}
