package io.smsconversations.routing.activity;

import java.time.Instant;

/**
 * Something happened in the conversation between {@code customerNumber} and {@code businessNumber}, on
 * {@code recordId}, at {@code occurredAt}: the input of routing rule 1 (SPEC §4).
 * <p>
 * It comes from {@code ConversationMessageAdded} (activity on its record) and {@code ConversationMoved} (activity on
 * the record the conversation moved to, at the time of the move), both through
 * {@link ConversationActivityStore#advance} — so later replies follow a move, and a message added to the old record
 * before the move (an older time) cannot pull them back.
 *
 * @param eventId   the CloudEvents id of the event that reported it (idempotency and ties)
 * @param eventType the CloudEvents type it came from (kept for the explanation and for operators)
 */
public record ConversationActivity(String customerNumber, String businessNumber, String recordId,
        String conversationId, Instant occurredAt, String eventId, String eventType) {
}
