package io.smsconversations.conversation.thread;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.conversation.ApiExamples;

@Schema(name = "Conversation", description = "A thread between a customer number and a business number on a record.")
public record ConversationView(
        UUID id,
        RecordView record,
        @Schema(description = "E.164", example = ApiExamples.CUSTOMER_NUMBER) String customerNumber,
        @Schema(description = "E.164", example = ApiExamples.BUSINESS_NUMBER) String businessNumber,
        Instant lastActivityAt,
        @Schema(nullable = true) MessagePreview lastMessage,
        @Schema(description = "Inbound messages the caller has not marked read") long unreadCount) {

    static ConversationView of(Conversation conversation, ConversationMessage lastMessage, long unreadCount) {
        return new ConversationView(conversation.id,
                new RecordView(conversation.recordId, conversation.recordType, conversation.recordName),
                conversation.customerNumber, conversation.businessNumber, conversation.lastActivityAt,
                lastMessage == null ? null : MessagePreview.of(lastMessage), unreadCount);
    }
}
