package io.smsconversations.routing.activity;

import java.time.Instant;

/**
 * Something happened in the conversation between {@code customerNumber} and {@code businessNumber}, on
 * {@code recordId}, at {@code occurredAt}: the input of routing rule 1 (SPEC §4).
 * <p>
 * Today it comes from {@code ConversationMessageAdded}. The seam for issue 5: a "conversation moved" event becomes an
 * activity on the record the conversation moved to, at the time of the move, and goes through the same
 * {@link ConversationActivityStore#advance} — so later replies follow the move, and a message added to the old record
 * before the move (an older time) cannot pull them back.
 *
 * @param eventId   the CloudEvents id of the event that reported it (idempotency and ties)
 * @param eventType the CloudEvents type it came from (kept for the explanation and for operators)
 */
public record ConversationActivity(String customerNumber, String businessNumber, String recordId,
        String conversationId, Instant occurredAt, String eventId, String eventType) {
}
