package io.smsconversations.conversation.send;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smsconversations.conversation.outbox.Outbox;
import io.smsconversations.conversation.outbox.OutboxEvent;
import io.smsconversations.conversation.thread.Conversation;
import io.smsconversations.conversation.thread.ConversationMessage;
import io.smsconversations.events.ConversationKey;
import io.smsconversations.events.EventIds;
import io.smsconversations.events.EventTypes;
import io.smsconversations.events.SendRequested;
import io.smsconversations.events.Topics;

/**
 * The one way a stored {@code QUEUED} message becomes a {@code SendRequested} for the gateway: a seller's send, a
 * keyword's automatic answer and a scheduled send released at its time all append it here, in the transaction that
 * stored (or released) the message, with the id derived from the message id, so it is sent once.
 */
@ApplicationScoped
public class SendRequests {

    private final Outbox outbox;

    public SendRequests(Outbox outbox) {
        this.outbox = outbox;
    }

    public static String eventId(UUID messageId) {
        return EventIds.derived("send-requested", messageId.toString());
    }

    /** Appends the message's send request to the outbox; the message's time is the request's. */
    public Uni<Void> append(Conversation conversation, ConversationMessage message) {
        String messageId = message.id.toString();
        SendRequested request = new SendRequested(messageId, conversation.id.toString(), messageId, message.provider,
                conversation.businessNumber, conversation.customerNumber, message.body, message.sentBy,
                message.segments, message.occurredAt);
        return outbox.append(new OutboxEvent(Topics.SEND_REQUESTS,
                ConversationKey.of(conversation.customerNumber, conversation.businessNumber), eventId(message.id),
                EventTypes.SEND_REQUESTED, messageId, message.occurredAt, request));
    }
}
