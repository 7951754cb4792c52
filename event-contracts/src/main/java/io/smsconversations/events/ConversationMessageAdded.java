package io.smsconversations.events;

import java.time.Instant;
import java.util.List;

/**
 * conversation-service stored a message in a conversation. Topic {@link Topics#CONVERSATION_EVENTS}, key the
 * conversation id; CloudEvents id {@code EventIds.derived("message-added", messageId)}.
 */
public record ConversationMessageAdded(
        String conversationId,
        String messageId,
        RecordRef record,
        String customerNumber,
        String businessNumber,
        MessageDirection direction,
        String body,
        Instant occurredAt,
        List<AlertRecipient> alerts) {

    public ConversationMessageAdded {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }
}
