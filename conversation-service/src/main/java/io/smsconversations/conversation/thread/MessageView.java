package io.smsconversations.conversation.thread;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.smsconversations.events.MediaReference;
import io.smsconversations.events.MessageDirection;

@Schema(name = "Message", description = "One message of a conversation.")
public record MessageView(
        UUID id,
        UUID conversationId,
        MessageDirection direction,
        String body,
        @Schema(description = "E.164") String from,
        @Schema(description = "E.164") String to,
        String provider,
        String providerMessageId,
        Instant occurredAt,
        int segments,
        List<MediaReference> media) {

    static MessageView of(ConversationMessage message) {
        return new MessageView(message.id, message.conversationId, message.direction, message.body,
                message.fromNumber, message.toNumber, message.provider, message.providerMessageId,
                message.occurredAt, message.segments, message.media.items());
    }
}
