package io.smsconversations.conversation.send;

import java.time.Instant;

import io.smsconversations.conversation.encoding.SegmentCalculator;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.events.DeliveryStatus;
import io.smsconversations.events.MessageDirection;

/**
 * The one way an outbound message is made before it is stored and handed to the gateway: a seller's send and an
 * automatic keyword answer differ only in their ids and in who or what sent them.
 */
public final class OutboundMessage {

    private OutboundMessage() {
    }

    /**
     * {@code QUEUED}, from the conversation's business number to its customer, at {@code now}, its segments counted;
     * the caller sets its id, its source event id and who sent it.
     */
    public static ConversationMessage queued(Conversation conversation, String body, String provider, Instant now) {
        ConversationMessage message = new ConversationMessage();
        message.conversationId = conversation.id;
        message.direction = MessageDirection.OUTBOUND;
        message.body = body;
        message.fromNumber = conversation.businessNumber;
        message.toNumber = conversation.customerNumber;
        message.provider = provider;
        message.occurredAt = now;
        message.storedAt = now;
        message.segments = SegmentCalculator.preview(body).segments();
        message.deliveryStatus = DeliveryStatus.QUEUED;
        message.statusUpdatedAt = now;
        return message;
    }
}
