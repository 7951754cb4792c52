package io.smsconversations.conversation.insight;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One seller's response times (issue 14 item 6). */
@Schema(name = "SellerResponseTimes")
public record SellerResponseTimes(
        String sellerId,
        @Schema(description = "The seller's messages that answered waiting customer messages") int responses,
        @Schema(nullable = true, description = "Their average time from the oldest waiting message, in "
                + "milliseconds") Long averageResponseMillis,
        @Schema(description = "Conversations whose first response was the seller's") int firstResponses,
        @Schema(nullable = true, description = "Their average time from the customer's first message, in "
                + "milliseconds") Long averageTimeToFirstResponseMillis,
        @Schema(description = "Customer messages waiting for an answer in the conversations the seller may see now")
        long unansweredInbound,
        @Schema(description = "How many of those conversations wait for an answer") long conversationsAwaitingReply,
        @Schema(nullable = true, description = "The oldest waiting message") Instant oldestUnansweredSince) {
}
