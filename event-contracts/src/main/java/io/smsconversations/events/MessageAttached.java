package io.smsconversations.events;

import java.util.List;

/**
 * routing-service's decision: this inbound message belongs to this record. Topic
 * {@link Topics#MESSAGE_ATTACHMENTS}, key {@link ConversationKey} of the message; CloudEvents id
 * {@code EventIds.derived("attach", inboundEventId)}.
 *
 * @param inboundEventId the id of the {@link InboundMessageReceived} event it decides (the idempotency key)
 * @param decidingRule   a short, human-readable reason, e.g. {@code "single candidate"} or {@code "new lead"}
 */
public record MessageAttached(
        String inboundEventId,
        InboundMessageReceived message,
        RecordRef record,
        String decidingRule,
        List<AlertRecipient> alerts) {

    public MessageAttached {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }
}
