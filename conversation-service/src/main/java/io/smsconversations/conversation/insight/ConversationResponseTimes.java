package io.smsconversations.conversation.insight;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One conversation's response times (issue 14 item 6). */
@Schema(name = "ConversationResponseTimes")
public record ConversationResponseTimes(
        UUID conversationId,
        @Schema(nullable = true, description = "The customer's first message (keywords aside); null if none yet")
        Instant firstCustomerMessageAt,
        @Schema(nullable = true, description = "The first seller message after it; null while unanswered")
        Instant firstResponseAt,
        @Schema(nullable = true, description = "Who sent the first response (seller id)") String firstResponder,
        @Schema(nullable = true, description = "From the first customer message to the first response, in "
                + "milliseconds") Long timeToFirstResponseMillis,
        @Schema(description = "Customer messages since the last seller message (keywords aside)")
        int unansweredInbound,
        @Schema(nullable = true, description = "The oldest of them") Instant unansweredSince,
        @Schema(description = "Seller messages that answered waiting customer messages") int responses,
        @Schema(nullable = true, description = "Their average time from the oldest waiting message, in "
                + "milliseconds") Long averageResponseMillis) {

    static ConversationResponseTimes none(UUID conversationId) {
        return new ConversationResponseTimes(conversationId, null, null, null, null, 0, null, 0, null);
    }
}
