package io.smsconversations.conversation.search;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.thread.RecordView;

/** A conversation the search found, and why. */
@Schema(name = "SearchHit")
public record SearchHit(
        UUID conversationId,
        RecordView record,
        @Schema(description = "E.164") String customerNumber,
        @Schema(description = "E.164") String businessNumber,
        Instant lastActivityAt,
        @Schema(description = "What matched: BODY (a message's text), RECORD_NAME, CUSTOMER_NUMBER")
        List<String> matchedOn,
        @Schema(description = "Up to three matching messages, newest first, with the matching words marked "
                + "**...** (plain text, never HTML)") List<MatchedMessage> messages) {

    @Schema(name = "MatchedMessage")
    public record MatchedMessage(UUID id, Instant occurredAt, String snippet) {
    }
}
