package io.smsconversations.conversation.unread;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReadState", description = "How far the caller has read a conversation.")
public record ReadState(
        UUID conversationId,
        @Schema(nullable = true, description = "The last message read, in history order; null before the first mark")
        Mark readUpTo,
        @Schema(description = "Inbound messages after the mark") long unreadCount) {

    @Schema(name = "ReadMark")
    public record Mark(UUID messageId, Instant occurredAt) {
    }
}
