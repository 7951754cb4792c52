package io.smsconversations.conversation.thread;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.events.MessageDirection;

@Schema(name = "MessagePreview", description = "The latest message of a conversation, its text shortened.")
public record MessagePreview(UUID id, MessageDirection direction,
        @Schema(description = "The first " + MessagePreview.MAX_LENGTH + " characters of the body") String text,
        Instant occurredAt) {

    static final int MAX_LENGTH = 120;

    static MessagePreview of(ConversationMessage message) {
        return of(message.id, message.direction, message.body, message.occurredAt);
    }

    /** The preview of a message read without its entity (the record views read rows). */
    public static MessagePreview of(UUID id, MessageDirection direction, String body, Instant occurredAt) {
        return new MessagePreview(id, direction, shorten(body), occurredAt);
    }

    private static String shorten(String body) {
        if (body == null || body.codePointCount(0, body.length()) <= MAX_LENGTH) {
            return body;
        }
        return body.substring(0, body.offsetByCodePoints(0, MAX_LENGTH - 1)) + "\u2026";
    }
}
