package io.smsconversations.events;

import java.time.Instant;

/**
 * The gateway could not hand a send to the provider: a permanent refusal, or transient errors until the retries ran
 * out. Topic {@link Topics#SEND_RESULTS}, key the message id; CloudEvents id {@code EventIds.derived("send-failed",
 * requestId)}.
 *
 * @param reason       normalised as for delivery reports
 * @param providerCode the provider's raw error code, or the HTTP status when the provider gave none
 * @param providerText the provider's raw error text (or what went wrong on the way, e.g. a timeout)
 */
public record SendFailed(
        String requestId,
        String conversationId,
        String messageId,
        String provider,
        FailureReason reason,
        String providerCode,
        String providerText,
        Instant failedAt) {
}
