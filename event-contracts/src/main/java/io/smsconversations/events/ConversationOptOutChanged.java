package io.smsconversations.events;

import java.time.Instant;

/**
 * A customer number opted out of, or back in to, one business number (SPEC §6). Topic
 * {@link Topics#CONVERSATION_EVENTS}, key the conversation id where the change came from a message of one, else the
 * conversation key; CloudEvents id {@code EventIds.derived("opt-out-changed", sourceEventId)}.
 *
 * @param optedOut      true after STOP and its peers or a provider's "recipient opted out"; false after START
 * @param cause         {@code KEYWORD} (the customer's reply) or {@code PROVIDER_REPORT} (e.g. Twilio 21610)
 * @param sourceEventId the event that changed it (the inbound message or the delivery report)
 */
public record ConversationOptOutChanged(
        String conversationId,
        String customerNumber,
        String businessNumber,
        boolean optedOut,
        String cause,
        String sourceEventId,
        Instant changedAt) {
}
