package io.smsconversations.events;

import java.time.Instant;

/**
 * A seller's outbound message, stored as {@code QUEUED} by conversation-service, for the gateway to send. Topic
 * {@link Topics#SEND_REQUESTS}, key {@link ConversationKey}; CloudEvents id {@code EventIds.derived("send-requested",
 * messageId)}.
 *
 * @param requestId the idempotency key of the send: the gateway sends one request once, however often it is
 *                  delivered (it is the message id)
 * @param provider  the provider of the business number ({@link BusinessNumber#provider()})
 * @param from      the business number, E.164
 * @param to        the customer number, E.164
 * @param sentBy    the seller who sent it (OIDC subject); null for an automatic reply (an opt-out confirmation, HELP)
 * @param segments  the segments the text takes (conversation-service's count, for the provider's cost check)
 */
public record SendRequested(
        String requestId,
        String conversationId,
        String messageId,
        String provider,
        String from,
        String to,
        String body,
        String sentBy,
        int segments,
        Instant requestedAt) {
}
