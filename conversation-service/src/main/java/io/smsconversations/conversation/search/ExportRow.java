package io.smsconversations.conversation.search;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One message of a conversation's export, the same fields in CSV and JSON. */
@JsonPropertyOrder({ "id", "occurredAt", "direction", "from", "to", "body", "sentBy", "autoReply", "deliveryStatus",
        "failureReason", "providerCode", "provider", "providerMessageId", "segments" })
public record ExportRow(
        UUID id,
        Instant occurredAt,
        String direction,
        String from,
        String to,
        String body,
        String sentBy,
        String autoReply,
        String deliveryStatus,
        String failureReason,
        String providerCode,
        String provider,
        String providerMessageId,
        int segments) {
}
