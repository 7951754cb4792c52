package io.smsconversations.conversation.move;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a move. */
@Schema(name = "MoveResult")
public record MoveResult(
        @Schema(description = "false: the conversation was already on that record; nothing changed") boolean moved,
        @Schema(description = "The conversation as it is now: the same id, or the target's when it was merged")
        UUID conversationId,
        @Schema(nullable = true, description = "The recorded move; null when nothing moved") MoveView move) {
}
