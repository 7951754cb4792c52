package io.smsconversations.events;

import java.time.Instant;

/**
 * An outbound message moved forward in its delivery (SPEC §5): accepted by the provider, sent, delivered, or failed
 * with a reason. Topic {@link Topics#CONVERSATION_EVENTS}, key the conversation id; CloudEvents id
 * {@link EventIds#messageStatus(String, DeliveryStatus)}.
 *
 * @param sentBy the seller who sent the message (told when it fails)
 * @param reason null unless the status is a failure
 */
public record ConversationMessageStatusChanged(
        String conversationId,
        String messageId,
        RecordRef record,
        String customerNumber,
        String businessNumber,
        String sentBy,
        DeliveryStatus status,
        FailureReason reason,
        String providerCode,
        String providerText,
        Instant changedAt) {
}
