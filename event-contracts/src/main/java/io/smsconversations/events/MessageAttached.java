package io.smsconversations.events;

import java.time.Instant;
import java.util.List;

/**
 * routing-service's decision: this inbound message belongs to this record. Topic
 * {@link Topics#MESSAGE_ATTACHMENTS}, key {@link ConversationKey} of the message; CloudEvents id
 * {@code EventIds.derived("attach", inboundEventId)}.
 *
 * @param inboundEventId           the id of the {@link InboundMessageReceived} event it decides (the idempotency key)
 * @param decidingRule             a short, human-readable reason, e.g. {@code "single candidate"} or {@code "new lead"}
 * @param decidedAt                when routing decided (its clock); null from a routing-service older than this field
 *                                 (or for a decision stored before its inputs were), and then the two fields below are
 *                                 unknown too, not "no activity"
 * @param lastConversationRecordId the record of the latest conversation activity routing knew of between the two
 *                                 numbers when it decided (rule 1's input); null when it knew none
 * @param lastConversationAt       when that activity happened (the time conversation-service gave it: a message's
 *                                 time or a move's); null when it knew none. conversation-service compares it with its
 *                                 moves to tell a decision that had not seen a move yet
 */
public record MessageAttached(
        String inboundEventId,
        InboundMessageReceived message,
        RecordRef record,
        String decidingRule,
        List<AlertRecipient> alerts,
        Instant decidedAt,
        String lastConversationRecordId,
        Instant lastConversationAt) {

    public MessageAttached {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
    }

    /** A decision without what it saw of the conversation activity (as routing-service published before). */
    public MessageAttached(String inboundEventId, InboundMessageReceived message, RecordRef record, String decidingRule,
            List<AlertRecipient> alerts) {
        this(inboundEventId, message, record, decidingRule, alerts, null, null, null);
    }
}
