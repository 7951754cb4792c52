package io.smsconversations.events;

import java.time.Instant;

/**
 * The provider took a send: later {@link DeliveryReportReceived}s name the message by {@code providerMessageId}.
 * Topic {@link Topics#SEND_RESULTS}, key the message id; CloudEvents id {@code EventIds.derived("send-accepted",
 * requestId)}.
 */
public record SendAccepted(
        String requestId,
        String conversationId,
        String messageId,
        String provider,
        String providerMessageId,
        Instant acceptedAt) {
}
