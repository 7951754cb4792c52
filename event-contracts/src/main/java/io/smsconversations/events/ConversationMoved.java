package io.smsconversations.events;

import java.time.Instant;

/**
 * A seller moved a conversation, with all its messages, to another record (SPEC §5). Topic
 * {@link Topics#CONVERSATION_EVENTS}, key the conversation id; CloudEvents id {@code EventIds.derived(
 * "conversation-moved", moveId)}. routing-service's activity projection follows it, so later replies go to the new
 * record.
 *
 * @param moveId         the id of the recorded move
 * @param conversationId the conversation as it is after the move (it keeps its id)
 * @param movedBy        the seller who moved it (OIDC subject)
 */
public record ConversationMoved(
        String moveId,
        String conversationId,
        RecordRef from,
        RecordRef to,
        String customerNumber,
        String businessNumber,
        String movedBy,
        Instant movedAt) {
}
